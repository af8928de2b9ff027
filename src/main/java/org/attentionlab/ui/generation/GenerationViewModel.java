package org.attentionlab.ui.generation;

import java.util.List;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.util.Duration;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.generation.GenerationFigures;
import org.attentionlab.service.generation.GenerationLab;
import org.attentionlab.service.generation.GenerationState;
import org.attentionlab.service.generation.GenerationStep;
import org.attentionlab.service.generation.MaskRow;
import org.attentionlab.ui.Messages;
import org.attentionlab.ui.concurrent.ModelWork;
import org.attentionlab.ui.kit.LessonContext;
import org.attentionlab.ui.kit.LessonViewModel;
import org.attentionlab.ui.kit.RunLoop;

/**
 * The generation lab's state: the prompt, the decoding settings, the generation so far (a
 * {@link GenerationLab} driven on the model thread, one command per run), the step shown, the
 * layer and head of the heatmap, and Play.
 *
 * <p>Changing temperature, top-k or top-p re-draws the shown step's stages from its logits
 * without running the model; the next Step uses the new settings.
 */
public final class GenerationViewModel implements LessonViewModel {
    /** What a run does to the generation. */
    public enum Command { START, STEP, BACK, RESET, REPLAY, FORCE }

    /** One run's outcome: the lab (for labels), its state after the command, and the ms the command took on the model thread. */
    public record Result(GenerationLab lab, GenerationState state, Command command, String note, double workMs) {
    }

    /** The most bars the distribution lists. */
    public static final int MAX_ROWS = 50;

    private final StringProperty prompt = new SimpleStringProperty(this, "prompt", Messages.get("generation.defaultPrompt"));
    private final BooleanProperty sample = new SimpleBooleanProperty(this, "sample", true);
    private final DoubleProperty temperature = new SimpleDoubleProperty(this, "temperature", 1.0);
    private final IntegerProperty topK = new SimpleIntegerProperty(this, "topK", 40);
    private final DoubleProperty topP = new SimpleDoubleProperty(this, "topP", 0.95);
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 1);
    private final IntegerProperty rows = new SimpleIntegerProperty(this, "rows", 10);
    private final IntegerProperty layer = new SimpleIntegerProperty(this, "layer", 0);
    private final IntegerProperty head = new SimpleIntegerProperty(this, "head", GenerationFigures.MEAN_OF_HEADS);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 3);   // steps per second
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    /** The step shown: an index into the steps, or -1 for the latest. */
    private final IntegerProperty selectedStep = new SimpleIntegerProperty(this, "selectedStep", -1);
    private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ObjectProperty<MaskRow> maskRow = new SimpleObjectProperty<>(this, "maskRow");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final RunLoop<Result> loop;
    private final RunLoop<MaskRow> maskLoop;

    // read by plan() on the FX thread
    private Command command = Command.START;
    private int forceIndex;
    private int forceId;
    private int maskLayer;
    private int maskHead;
    private int maskQuery;
    private PauseTransition playTimer;

    // touched only on the model thread
    private GenerationLab lab;
    private ModelSession labSession;

    GenerationViewModel(LessonContext context) {
        loop = new RunLoop<>(context, "generation", this::plan, this::accept);
        maskLoop = new RunLoop<>(context, "generation", this::planMask, maskRow::set);
    }

    @Override
    public void start() {
        loop.followModel();
        playing.addListener((o, was, now) -> {
            if (now) {
                step();
            } else if (playTimer != null) {
                playTimer.stop();
            }
        });
    }

    @Override
    public void startWith(String text) {
        prompt.set(text);
    }

    /** Runs the prompt: a fresh generation. */
    public void run() {
        playing.set(false);
        send(Command.START);
    }

    public void step() {
        send(Command.STEP);
    }

    public void back() {
        playing.set(false);
        send(Command.BACK);
    }

    public void reset() {
        playing.set(false);
        send(Command.RESET);
    }

    /** Returns to the prompt and takes the same number of steps again with the current settings. */
    public void replay() {
        playing.set(false);
        send(Command.REPLAY);
    }

    /** Takes token {@code id} at step {@code index} (the text after it is regenerated). */
    public void force(int index, int id) {
        playing.set(false);
        forceIndex = index;
        forceId = id;
        send(Command.FORCE);
    }

    /** Takes token {@code id} at the step shown. */
    public void forceShown(int id) {
        force(shownIndex(), id);
    }

    /** Asks for the masking step of query row {@code q} (layer and head of the heatmap; head 1 for the mean). */
    public void showMaskRow(int q) {
        maskLayer = layer.get();
        maskHead = Math.max(0, head.get());
        maskQuery = q;
        maskLoop.runNow();
    }

    private void send(Command c) {
        command = c;
        loop.runNow();
    }

    /** The settings of the controls, for the next step and for the stages shown. */
    public GenerationSettings settings() {
        return new GenerationSettings(Integer.MAX_VALUE, sample.get(), temperature.get(), topK.get(), topP.get(), seed.get(), true);
    }

    /** Index of the step shown: the selected one, else the latest taken, else the step to come (0). */
    public int shownIndex() {
        Result r = result.get();
        if (r == null) {
            return 0;
        }
        int n = r.state().steps().size();
        int s = selectedStep.get();
        if (s >= 0 && s < n) {
            return s;
        }
        return n == 0 ? 0 : n - 1;
    }

    /** The step shown, or null before the first run. */
    public GenerationStep shownStep() {
        Result r = result.get();
        return r == null ? null : GenerationFigures.shown(r.state(), shownIndex());
    }

    private ModelWork<Result> plan() {
        String p = prompt.get();
        if (p == null || p.isEmpty()) {
            loop.showProblem(Messages.get("generation.typePrompt"));
            playing.set(false);
            return null;
        }
        Command c = command;
        command = Command.START;     // a run the loop starts by itself (another model loaded) starts afresh
        GenerationSettings s = settings();
        int count = result.get() == null ? 0 : result.get().state().steps().size();
        int fi = forceIndex;
        int fid = forceId;
        Command run = c;
        return (session, cancel, progress) -> {
            long t0 = System.nanoTime();
            if (run == Command.START || lab == null || labSession != session) {
                if (lab != null) {
                    lab.close();
                }
                lab = null;
                lab = new GenerationLab(session, p, 3);
                labSession = session;
                if (run != Command.START) {
                    return new Result(lab, lab.state(), Command.START, "", (System.nanoTime() - t0) / 1e6);
                }
            }
            GenerationState before = lab.state();
            GenerationState st = switch (run) {
                case START -> lab.state();
                case STEP -> lab.step(s);
                case BACK -> lab.back();
                case RESET -> lab.reset();
                case REPLAY -> lab.replay(s, count, cancel);
                case FORCE -> lab.force(fi, fid, s, true, cancel);
            };
            String n = "";
            if (run == Command.REPLAY) {
                boolean same = st.ids().equals(before.ids());
                n = Messages.get(same ? "generation.replaySame" : "generation.replayDifferent", st.steps().size());
            }
            return new Result(lab, st, run, n, (System.nanoTime() - t0) / 1e6);
        };
    }

    private void accept(Result r) {
        if (r.command() != Command.FORCE) {
            selectedStep.set(-1);
        }
        result.set(r);
        note.set(r.note());
        GenerationState st = r.state();
        if (st.stop() != null) {
            note.set(Messages.get(st.stop() == GenerationState.Stop.END_OF_TEXT ? "generation.stoppedEnd" : "generation.stoppedContext",
                    r.lab().maxPositions()));
        }
        if (playing.get()) {
            if (st.stop() != null || r.command() != Command.STEP && r.command() != Command.START) {
                playing.set(false);
            } else {
                if (playTimer == null) {
                    playTimer = new PauseTransition();
                    playTimer.setOnFinished(e -> {
                        if (playing.get()) {
                            step();
                        }
                    });
                }
                playTimer.setDuration(Duration.millis(1000 / Math.max(0.25, speed.get())));
                playTimer.playFromStart();
            }
        }
    }

    private ModelWork<MaskRow> planMask() {
        Result r = result.get();
        if (r == null) {
            return null;
        }
        GenerationLab l = r.lab();
        int lay = maskLayer;
        int hd = maskHead;
        int q = maskQuery;
        return (session, cancel, progress) -> l.maskRow(lay, hd, q);
    }

    /** The labels of every token so far. */
    public List<String> labels() {
        Result r = result.get();
        return r == null ? List.of() : r.state().ids().stream().map(r.lab()::label).toList();
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public BooleanProperty sampleProperty() {
        return sample;
    }

    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    public IntegerProperty topKProperty() {
        return topK;
    }

    public DoubleProperty topPProperty() {
        return topP;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public IntegerProperty rowsProperty() {
        return rows;
    }

    public IntegerProperty layerProperty() {
        return layer;
    }

    public IntegerProperty headProperty() {
        return head;
    }

    public DoubleProperty speedProperty() {
        return speed;
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    public IntegerProperty selectedStepProperty() {
        return selectedStep;
    }

    public ReadOnlyObjectProperty<Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MaskRow> maskRowProperty() {
        return maskRow;
    }

    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return loop.problemProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return loop.runningProperty();
    }

    public boolean isIdle() {
        return loop.isIdle() && maskLoop.isIdle();
    }
}
