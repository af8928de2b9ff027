package org.attentionlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.attentionlab.figure.CsvReader;
import org.attentionlab.figure.Figure;
import org.attentionlab.ui.explorer.AttentionExplorerViewModel;
import org.attentionlab.ui.explorer.ViewMode;
import org.attentionlab.ui.testkit.HfReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The points a lecturer tripped over (issue 15), each driven in the real app on the real engine:
 * dialog titles, invalid input, the export notice, presentation mode, F5 round trips, multi-line
 * text, the model view's export and zoom to fit.
 */
class ClassroomPolishAppTest extends AppTestBase {
    private static final String CAT = "The cat sat on the mat.";

    @TempDir
    Path dir;

    @Test
    void helpDialogsAreTitledWithoutTheMenusMnemonicUnderscore() {
        for (boolean keys : new boolean[] {true, false}) {
            Alert a = fx(() -> keys ? app.mainView().showKeys() : app.mainView().showAbout());
            String header = fx(a::getHeaderText);
            String title = fx(a::getTitle);
            assertFalse(header.contains("_"), header);
            assertFalse(title.contains("_"), title);
            assertEquals(keys ? "Keyboard shortcuts" : "About Attention Lab", header);
            fxRun(a::close);
        }
        assertFalse(fx(() -> node("#spaceLegend").isVisible()), "BERT has no leading-space marker to explain");
    }

    @Test
    void anInvalidTextClearsTheFigureAndTheTokensAndDisablesExport() {
        assertNotNull(shown());
        assertFalse(fx(() -> node("#exportButton").isDisabled()));
        clickOn("#textA");
        push(KeyCode.CONTROL, KeyCode.A);
        type(KeyCode.DELETE);
        waitUntil("the figure to clear", () -> fx(() -> explorer().getMatrix() == null));
        assertNull(fx(() -> explorer().getLastRun()), "no run of an earlier text stays");
        assertTrue(fx(() -> node("#exportButton").isDisabled()), "nothing to export");
        assertTrue(fx(() -> node("#placeholder").isVisible()));
        assertFalse(fx(() -> node("#figureScroll").isVisible()));
        assertTrue(fx(() -> lookup(".token").queryAll().isEmpty()), "no chips of the old text");
        assertTrue(fx(() -> ((Labeled) node("#placeholder")).getText()).contains(Messages.get("explorer.typeSomething")));

        write("The dog ran.");
        waitUntil("a run of the new text", () -> fx(() -> explorer().getMatrix() != null) && explorer().isIdle());
        assertFalse(fx(() -> node("#exportButton").isDisabled()));
    }

    @Test
    void theSavedNoticeFloatsOverTheWindowAndMovesNothing() {
        double[] before = fx(() -> new double[] {sceneY("#heatmapToggle"), sceneY("#exportButton"), sceneY("#figureScroll")});
        Path csv = dir.resolve("weights.csv");
        files.saves.add(csv);
        clickOn("#exportButton").clickOn("#exportCsv");
        waitUntil("the export notice", () -> fx(() -> explorer().noticeProperty().get()).contains("weights.csv"));
        WaitForAsyncUtilsBridge.settle();
        double[] after = fx(() -> new double[] {sceneY("#heatmapToggle"), sceneY("#exportButton"), sceneY("#figureScroll")});
        for (int i = 0; i < before.length; i++) {
            assertEquals(before[i], after[i], 0.5, "control " + i + " stays where it was");
        }
        assertFalse(fx(() -> node("#message").isVisible()), "the inline message row stays collapsed");
        assertTrue(fx(() -> anyWindowShows(Messages.get("explorer.export.done", csv))), "the notice pops up over the window");
    }

    @Test
    void presentationModeGoesFullScreenHidesWhatDoesNotTeachAndEscLeaves() {
        clickOn("#figure");
        type(KeyCode.F5);
        WaitForAsyncUtilsBridge.settle();
        assertTrue(fx(() -> app.mainViewModel().presentationProperty().get()));
        assertTrue(fx(() -> app.stage().isFullScreen()), "full screen");
        for (String id : new String[] {"#modelPicker", "#statusBar"}) {
            assertFalse(fx(() -> visibleInScene(node(id))), id + " hidden");
        }
        Node options = fx(() -> node("#hideSpecialCheck").getParent());
        assertEquals(0, fx(() -> options.getLayoutBounds().getHeight()), 0.5, "the options row collapses");
        assertTrue(fx(() -> visibleInScene(node("#layerSpinner"))), "layer and head stay: they teach");
        // The figure fills the area: no scrolling, and one side (nearly) reaches the area's edge.
        Figure f = fx(() -> explorerLesson().controller().figureCanvas().getFigure());
        Bounds area = fx(() -> node("#figureScroll").getLayoutBounds());
        assertTrue(f.width() <= area.getWidth() && f.height() <= area.getHeight(),
                "fits: " + f.width() + "x" + f.height() + " in " + area);
        assertTrue(f.width() > 0.75 * area.getWidth() || f.height() > 0.75 * area.getHeight(),
                "fills: " + f.width() + "x" + f.height() + " in " + area);

        type(KeyCode.F6);
        WaitForAsyncUtilsBridge.settle();
        assertTrue(fx(() -> visibleInScene(node("#modelPicker"))), "F6 shows the controls");
        assertTrue(fx(() -> options.getLayoutBounds().getHeight()) > 10);
        type(KeyCode.F6);
        WaitForAsyncUtilsBridge.settle();
        assertFalse(fx(() -> visibleInScene(node("#modelPicker"))), "F6 hides them again");

        type(KeyCode.ESCAPE);
        WaitForAsyncUtilsBridge.settle();
        assertFalse(fx(() -> app.mainViewModel().presentationProperty().get()), "Esc leaves");
        assertFalse(fx(() -> app.stage().isFullScreen()));
        assertTrue(fx(() -> visibleInScene(node("#modelPicker"))));
    }

    @Test
    void leavingPresentationModeGivesTheControlsTheirPlacesBack() {
        double[] before = fx(this::controlGeometry);
        clickOn("#figure");
        type(KeyCode.F5);
        WaitForAsyncUtilsBridge.settle();
        type(KeyCode.F6); // show the controls so they take their presentation size
        WaitForAsyncUtilsBridge.settle();
        type(KeyCode.F5);
        WaitForAsyncUtilsBridge.settle();
        assertFalse(fx(() -> app.mainViewModel().presentationProperty().get()));
        double[] after = fx(this::controlGeometry);
        String[] what = {"colour box width", "zoom slider x", "zoom slider width"};
        for (int i = 0; i < before.length; i++) {
            assertEquals(before[i], after[i], 1.0, what[i]);
        }
    }

    @Test
    void enterStartsANewLineAndTheModelSeesIt() throws Exception {
        pick(GPT2);
        assertTrue(fx(() -> node("#textA") instanceof TextArea), "a multi-line input");
        clickOn("#textA");
        push(KeyCode.CONTROL, KeyCode.A);
        write("Once upon");
        type(KeyCode.ENTER);
        write("a time");
        waitUntil("a run of both lines", () -> {
            var r = explorer().getLastRun();
            return r != null && explorer().isIdle() && r.textA().equals("Once upon\na time");
        });
        assertTrue(explorer().getLastRun().trace().input().tokens().contains("\u010a"), "GPT-2 saw the newline");
        assertTrue(fx(() -> node("#spaceLegend").isVisible()), "GPT-2's leading-space marker is explained");

        Path csv = dir.resolve("gpt.csv");
        files.saves.add(csv);
        clickOn("#figure");
        clickOn("#exportButton");
        waitUntil("the export menu", () -> lookup("#exportCsv").tryQuery().isPresent());
        clickOn("#exportCsv");
        waitUntil("the CSV", () -> fx(() -> explorer().noticeProperty().get()).contains("gpt.csv"));
        List<String> header = CsvReader.parse(Files.readString(csv, StandardCharsets.UTF_8)).get(0);
        List<String> screen = fx(() -> explorer().getMatrix().colTokens().stream()
                .map(t -> org.attentionlab.figure.TokenLabels.display(t, org.attentionlab.domain.ModelKind.GPT2)).toList());
        assertEquals(screen, header.subList(1, header.size()), "the CSV spells tokens as the screen does");
        assertTrue(header.contains("\u21b5") && header.stream().anyMatch(t -> t.startsWith("\u2423"))
                && header.stream().noneMatch(t -> t.contains("\u0120") || t.contains("\u010a")), header.toString());
    }

    @Test
    void theModelViewExportsEveryHeadAndAPictureWithItsTextAndNoSelectionFrame() throws Exception {
        HfReference.Case hf = HfReference.bert(CAT, null);
        typeText(CAT);
        waitForRunOf(hf.tokens());
        clickOn("#modelToggle");
        WaitForAsyncUtilsBridge.settle();
        assertEquals(ViewMode.MODEL, fx(() -> explorer().viewModeProperty().get()));
        int n = hf.tokens().size();
        int layers = hf.attentions().length;
        int heads = hf.attentions()[0].length;

        Path csv = dir.resolve("model.csv");
        files.saves.add(csv);
        clickOn("#exportButton").clickOn("#exportCsv");
        waitUntil("the CSV", () -> fx(() -> explorer().noticeProperty().get()).contains("model.csv"));
        assertEquals("attention-model.csv", files.lastSuggestedName);
        List<List<String>> rows = CsvReader.parse(Files.readString(csv, StandardCharsets.UTF_8));
        assertEquals(List.of("layer", "head", "query"), rows.get(0).subList(0, 3));
        assertEquals(hf.tokens(), rows.get(0).subList(3, rows.get(0).size()));
        assertEquals(1 + layers * heads * n, rows.size(), "a row per layer, head and query");
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            int l = Integer.parseInt(row.get(0));
            int h = Integer.parseInt(row.get(1));
            int q = (i - 1) % n; // rows run over layers, then heads, then queries
            assertEquals((i - 1) / n / heads, l);
            assertEquals((i - 1) / n % heads, h);
            assertEquals(hf.tokens().get(q), row.get(2));
            for (int k = 0; k < n; k++) {
                assertEquals(hf.attentions()[l][h][q][k], Float.parseFloat(row.get(3 + k)), HfReference.TOLERANCE,
                        "L" + l + " H" + h + " q" + q + " k" + k);
            }
        }

        Path svg = dir.resolve("model.svg");
        files.saves.add(svg);
        clickOn("#exportButton").clickOn("#exportSvg");
        waitUntil("the SVG", () -> fx(() -> explorer().noticeProperty().get()).contains("model.svg"));
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertTrue(text.contains(">" + CAT + "</text>"), "the sentence is the title");
        assertTrue(text.contains(">L0</text>") || text.contains(">" + Messages.get("figure.layerPrefix") + "0</text>"), "layer labels");
        assertTrue(text.contains(">" + Messages.get("figure.grid.scaleHigh").replace("\u2019", "\u2019") + "</text>"), "a colour bar with its scale");
        assertFalse(text.contains("stroke-width=\"3\""), "no selection frame");

        Path png = dir.resolve("model.png");
        files.saves.add(png);
        clickOn("#exportButton").clickOn("#exportPng");
        waitUntil("the PNG", () -> fx(() -> explorer().noticeProperty().get()).contains("model.png"));
        assertTrue(Files.size(png) > 1000);
    }

    @Test
    void fitAndCtrl0ZoomBackToTheFittedSize() {
        fxRun(() -> explorer().zoomProperty().set(2.5));
        clickOn("#fitButton");
        assertEquals(AttentionExplorerViewModel.FIT_ZOOM, fx(() -> explorer().zoomProperty().get()), 1e-9);
        fxRun(() -> explorer().zoomProperty().set(0.6));
        clickOn("#figure");
        push(KeyCode.CONTROL, KeyCode.DIGIT0);
        assertEquals(AttentionExplorerViewModel.FIT_ZOOM, fx(() -> explorer().zoomProperty().get()), 1e-9);
        fxRun(() -> explorer().zoomProperty().set(1.7));
        clickOn("#textA");
        push(KeyCode.CONTROL, KeyCode.DIGIT0);
        assertEquals(AttentionExplorerViewModel.FIT_ZOOM, fx(() -> explorer().zoomProperty().get()), 1e-9,
                "Ctrl+0 also from the text");
    }

    @Test
    void coloursUseTheFixedZeroToOneScaleWithQuarterTicksUnlessAutoIsChosen() {
        var fixed = (org.attentionlab.figure.HeatmapFigure) fx(() -> explorerLesson().controller().figureCanvas().getFigure());
        assertEquals(1.0, fixed.scaleMax(), 0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, fixed.legendTicks(), 0);
        clickOn("#fixedScaleCheck");
        WaitForAsyncUtilsBridge.settle();
        assertFalse(fx(() -> explorer().fixedScaleProperty().get()));
        var auto = (org.attentionlab.figure.HeatmapFigure) fx(() -> explorerLesson().controller().figureCanvas().getFigure());
        assertEquals(shown().maxWeight(), auto.scaleMax(), 1e-6, "auto: up to the map's largest weight");
    }

    @Test
    void hideSpecialSaysItRenormalisesAndLookingAgainSaysWhatItFoundAndAFailedLoadIsForgottenOnTheNextLoad()
            throws Exception {
        javafx.scene.control.CheckBox hide = fx(() -> (javafx.scene.control.CheckBox) node("#hideSpecialCheck"));
        assertTrue(fx(hide::getText).contains("renormalised"), fx(hide::getText));
        assertTrue(fx(() -> hide.getTooltip().getText()).contains("renormalised"));

        fxRun(() -> app.mainViewModel().discover(false));
        waitUntil("the scan's notice", () -> fx(() -> app.mainViewModel().noticeProperty().get()).startsWith("Found "));
        String found = fx(() -> app.mainViewModel().noticeProperty().get());
        assertTrue(found.contains("BERT") && found.contains("GPT-2"), found);

        Path folder = org.attentionlab.ui.testkit.BrokenFolder.values()[0].create(dir);
        files.folders.add(folder);
        clickOn("#openFolderButton");
        waitUntil("the error dialog", () -> lookup("#errorDialog").tryQuery().isPresent());
        javafx.scene.control.DialogPane dialog = lookup("#errorDialog").queryAs(javafx.scene.control.DialogPane.class);
        clickOn(fx(() -> dialog.lookupButton(javafx.scene.control.ButtonType.OK)));
        assertTrue(fx(() -> app.mainViewModel().noticeProperty().get()).startsWith("Could not load"));
        pick(GPT2);
        assertEquals("", fx(() -> app.mainViewModel().noticeProperty().get()), "the stale failure is gone");
    }

    @Test
    void themeModelTextAndColoursComeBackAfterARestart() throws Exception {
        Path file = dir.resolve("config").resolve("settings.properties");
        restartWith(file);
        pick(GPT2);
        fxRun(() -> {
            app.mainViewModel().themeProperty().set(org.attentionlab.ui.shell.Theme.DARK);
            explorer().textAProperty().set("Once upon a time");
            explorer().colorMapProperty().set(org.attentionlab.figure.ColorMap.all().get(1));
        });
        waitUntil("the new text ran", () -> explorer().isIdle() && explorer().getLastRun().textA().equals("Once upon a time"));
        org.testfx.api.FxToolkit.cleanupApplication(app); // stop(): the settings are written
        assertTrue(Files.exists(file));

        restartWith(file);
        waitUntil("the last model is back", () -> app.host().current() != null
                && app.host().current().ref().name().equals(GPT2) && explorer().getLastRun() != null && explorer().isIdle());
        assertEquals(org.attentionlab.ui.shell.Theme.DARK, fx(() -> app.mainViewModel().themeProperty().get()));
        assertEquals("Once upon a time", fx(() -> explorer().textAProperty().get()));
        assertEquals(org.attentionlab.figure.ColorMap.all().get(1), fx(() -> explorer().colorMapProperty().get()));

        Path corrupt = dir.resolve("corrupt.properties");
        Files.writeString(corrupt, "theme=DARK\nbroken=\\u12G4\n");
        restartWith(corrupt);
        waitUntil("a start despite the corrupt file", () -> explorer().getLastRun() != null && explorer().isIdle());
        assertTrue(fx(() -> anyWindowShows(Messages.get("status.settingsIgnored", corrupt))), "a notice names the file");
        assertEquals(org.attentionlab.ui.shell.Theme.LIGHT, fx(() -> app.mainViewModel().themeProperty().get()),
                "the corrupt file is ignored");
    }

    @Test
    void theFirstStartShowsTheWelcomeHintAtTheBottomAndLaterStartsDoNot() throws Exception {
        Path file = dir.resolve("first-run").resolve("settings.properties");
        String title = Messages.get("hint.firstRun.title");
        restartWith(file);
        waitUntil("the welcome hint", () -> fx(() -> anyWindowShows(title)));
        Window hint = fx(() -> windowShowing(title));
        assertTrue(hint != app.stage(), "the hint is a pop-up of its own");
        double stageMiddle = fx(() -> app.stage().getY() + app.stage().getHeight() / 2);
        assertTrue(fx(hint::getY) > stageMiddle, "the hint sits in the lower half, away from the toolbar's buttons");
        org.testfx.api.FxToolkit.cleanupApplication(app); // stop(): the settings remember the hint was shown
        fxRun(hint::hide);
        restartWith(file);
        waitUntil("the first run", () -> explorer().getLastRun() != null && explorer().isIdle());
        Thread.sleep(500); // the hint would show right after the window
        assertFalse(fx(() -> anyWindowShows(title)), "a later start does not greet again");
    }

    private void restartWith(Path settings) throws Exception {
        org.testfx.api.FxToolkit.cleanupApplication(app);
        app = (org.attentionlab.app.AttentionLabApp) org.testfx.api.FxToolkit.setupApplication(() ->
                new org.attentionlab.app.AttentionLabApp(new org.attentionlab.app.AttentionLabApp.Config(catalog, files, true,
                        null, null, null, org.attentionlab.app.LessonRegistry.builtIn(), settings)));
        waitUntil("the app to start", () -> app.host() != null && app.host().current() != null);
    }

    private double[] controlGeometry() {
        Node box = node("#colorMapBox");
        Node zoom = node("#zoomSlider");
        return new double[] {box.getLayoutBounds().getWidth(), zoom.localToScene(0, 0).getX(), zoom.getLayoutBounds().getWidth()};
    }

    private double sceneY(String id) {
        return node(id).localToScene(0, 0).getY();
    }

    private static boolean visibleInScene(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private boolean anyWindowShows(String text) {
        return windowShowing(text) != null;
    }

    /** The showing window with a label that reads {@code text}, or null. */
    private static Window windowShowing(String text) {
        for (Window w : Window.getWindows()) {
            if (w.getScene() == null || !w.isShowing()) {
                continue;
            }
            for (Node n : w.getScene().getRoot().lookupAll(".label")) {
                if (n instanceof Labeled l && text.equals(l.getText())) {
                    return w;
                }
            }
        }
        return null;
    }
}
