package org.attentionlab.ui.figure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableDoubleProperty;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.css.converter.PaintConverter;
import javafx.css.converter.SizeConverter;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import org.attentionlab.figure.Figure;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.figure.StickyLabels;

/**
 * Shows one {@link Figure} on a canvas sized to it, with a small readout label that follows the
 * pointer. The figure's colours and label size come from CSS (the {@code -al-figure-*}
 * properties of the {@code figure-canvas} style class), so themes and presentation mode restyle
 * figures like any other control; {@link #figureStyleProperty()} changes when they do.
 */
public class FigureCanvas extends Region {
    private static final double MAX_SIDE = 8192; // beyond this a canvas texture fails to allocate

    private final Canvas canvas = new Canvas();
    // Label bands of a StickyLabels figure, laid over the canvas at the visible area's edges.
    private final Canvas rowBand = new Canvas();
    private final Canvas columnBand = new Canvas();
    private final Canvas corner = new Canvas();
    private final Label readout = new Label();
    /** Top-left of the visible area in figure coordinates (the scroll position). */
    private double viewX;
    private double viewY;
    private boolean bandsPainted;
    private final ObjectProperty<Figure> figure = new SimpleObjectProperty<>(this, "figure");
    private final ReadOnlyObjectWrapper<FigureStyle> figureStyle = new ReadOnlyObjectWrapper<>(this, "figureStyle");
    private final FxSurface.FxTextMeasure measure = new FxSurface.FxTextMeasure(Font.getDefault().getFamily());

    private final SimpleStyleableObjectProperty<Paint> background = paint(StyleableProperties.BACKGROUND, Color.WHITE);
    private final SimpleStyleableObjectProperty<Paint> foreground = paint(StyleableProperties.FOREGROUND, Color.BLACK);
    private final SimpleStyleableObjectProperty<Paint> muted = paint(StyleableProperties.MUTED, Color.GRAY);
    private final SimpleStyleableObjectProperty<Paint> grid = paint(StyleableProperties.GRID, Color.GRAY);
    private final SimpleStyleableObjectProperty<Paint> highlight = paint(StyleableProperties.HIGHLIGHT, Color.ORANGE);
    private final SimpleStyleableObjectProperty<Paint> masked = paint(StyleableProperties.MASKED, Color.LIGHTGRAY);
    private final SimpleStyleableObjectProperty<Paint> segmentB = paint(StyleableProperties.SEGMENT_B, Color.BLUE);
    private final SimpleStyleableDoubleProperty fontSize =
            new SimpleStyleableDoubleProperty(StyleableProperties.FONT_SIZE, this, "figureFontSize", 12.0);

    public FigureCanvas() {
        getStyleClass().add("figure-canvas");
        readout.getStyleClass().add("hover-readout");
        readout.setManaged(false);
        readout.setVisible(false);
        readout.setMouseTransparent(true);
        for (Canvas band : new Canvas[] {rowBand, columnBand, corner}) {
            band.setManaged(false);
            band.setVisible(false);
            band.setMouseTransparent(true);
        }
        getChildren().addAll(canvas, rowBand, columnBand, corner, readout);
        figure.addListener((obs, old, f) -> repaint());
        fontSize.addListener(o -> updateStyle());
        updateStyle();
    }

    public ObjectProperty<Figure> figureProperty() {
        return figure;
    }

    public Figure getFigure() {
        return figure.get();
    }

    public void setFigure(Figure f) {
        figure.set(f);
    }

    /** Colours and label size from the current CSS, ready to build a figure with. */
    public ReadOnlyObjectProperty<FigureStyle> figureStyleProperty() {
        return figureStyle.getReadOnlyProperty();
    }

    public FigureStyle getFigureStyle() {
        return figureStyle.get();
    }

    /** Measures text in the canvas font, for laying out figures shown here. */
    public FxSurface.FxTextMeasure textMeasure() {
        return measure;
    }

    /** The canvas the figure is painted on (tests read its pixels). */
    public Canvas canvas() {
        return canvas;
    }

    /** Shows {@code text} next to (x, y) in figure coordinates. */
    public void showReadout(String text, double x, double y) {
        readout.setText(text);
        readout.setVisible(true);
        readout.autosize();
        double rx = x + 14;
        double ry = y + 14;
        if (rx + readout.getWidth() > canvas.getWidth()) {
            rx = Math.max(0, x - readout.getWidth() - 6);
        }
        if (ry + readout.getHeight() > canvas.getHeight()) {
            ry = Math.max(0, y - readout.getHeight() - 6);
        }
        readout.relocate(rx, ry);
    }

    public void hideReadout() {
        readout.setVisible(false);
    }

    public String readoutText() {
        return readout.isVisible() ? readout.getText() : null;
    }

    /** Paints the figure again (after a change that the figure object does not show). */
    public void repaint() {
        Figure f = figure.get();
        if (f == null) {
            canvas.setWidth(0);
            canvas.setHeight(0);
            bandsPainted = false;
            placeBands();
            requestLayout();
            return;
        }
        double w = Math.min(MAX_SIDE, Math.ceil(f.width()));
        double h = Math.min(MAX_SIDE, Math.ceil(f.height()));
        canvas.setWidth(w);
        canvas.setHeight(h);
        f.paint(new FxSurface(canvas.getGraphicsContext2D(), measure));
        bandsPainted = false;
        placeBands();
        requestLayout();
    }

    /**
     * Paints the label bands of the current figure. Only when a scroll position first needs
     * them, so a redraw that is not scrolled (most keystrokes) does not paint every label twice.
     */
    private void paintBands(StickyLabels sticky) {
        bandsPainted = true;
        double top = sticky.columnBandTop();
        columnBand.setWidth(canvas.getWidth());
        columnBand.setHeight(Math.max(0, Math.ceil(sticky.bodyY() - top)));
        GraphicsContext g = columnBand.getGraphicsContext2D();
        g.clearRect(0, 0, columnBand.getWidth(), columnBand.getHeight());
        g.save();
        g.translate(0, -top);
        sticky.paintColumnLabels(new FxSurface(g, measure));
        g.restore();

        rowBand.setWidth(Math.ceil(sticky.bodyX()));
        rowBand.setHeight(canvas.getHeight());
        g = rowBand.getGraphicsContext2D();
        g.clearRect(0, 0, rowBand.getWidth(), rowBand.getHeight());
        sticky.paintRowLabels(new FxSurface(g, measure));

        corner.setWidth(rowBand.getWidth());
        corner.setHeight(columnBand.getHeight());
        g = corner.getGraphicsContext2D();
        g.setFill(FxSurface.colour(figureStyle.get() == null ? 0xffffffff : figureStyle.get().background()));
        g.fillRect(0, 0, corner.getWidth(), corner.getHeight());
    }

    /**
     * Tells where the visible part of the figure starts (the scroll position, in figure
     * coordinates), so that a heatmap's labels stay at the visible area's top and left edges.
     */
    public void setViewOrigin(double x, double y) {
        if (x != viewX || y != viewY) {
            viewX = x;
            viewY = y;
            placeBands();
        }
    }

    /**
     * The point of the figure the user sees at (x, y) in figure coordinates: a label in a band
     * kept in view, or the figure itself. Hit tests go through this.
     */
    public double[] visiblePoint(double x, double y) {
        Figure f = figure.get();
        if (!(f instanceof StickyLabels sticky)) {
            return new double[] {x, y};
        }
        double px = x;
        double py = y;
        boolean inColumnBand = columnBand.isVisible() && y >= viewY && y < viewY + columnBand.getHeight();
        boolean inRowBand = rowBand.isVisible() && x >= viewX && x < viewX + rowBand.getWidth();
        if (inColumnBand) {
            py = sticky.columnBandTop() + (y - viewY);
        }
        if (inRowBand) {
            px = x - viewX;
        }
        if (inColumnBand && inRowBand) {
            return new double[] {-1, -1}; // the blank corner
        }
        return new double[] {px, py};
    }

    private void placeBands() {
        Figure f = figure.get();
        boolean columns = false;
        boolean rows = false;
        if (f instanceof StickyLabels sticky) {
            double bandHeight = sticky.bodyY() - sticky.columnBandTop();
            columns = viewY > sticky.columnBandTop() + 0.5 && viewY < canvas.getHeight() - bandHeight;
            rows = viewX > 0.5 && viewX < canvas.getWidth() - sticky.bodyX();
            if ((columns || rows) && !bandsPainted) {
                paintBands(sticky);
            }
        }
        columnBand.setVisible(columns);
        rowBand.setVisible(rows);
        corner.setVisible(columns && rows);
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double left = snappedLeftInset();
        double top = snappedTopInset();
        canvas.relocate(left, top);
        columnBand.relocate(left, top + viewY);
        rowBand.relocate(left + viewX, top);
        corner.relocate(left + viewX, top + viewY);
    }

    @Override
    protected double computePrefWidth(double height) {
        return canvas.getWidth() + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return canvas.getHeight() + snappedTopInset() + snappedBottomInset();
    }

    @Override
    protected double computeMinWidth(double height) {
        return computePrefWidth(height);
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    private void updateStyle() {
        FigureStyle s = new FigureStyle(argb(background), argb(foreground), argb(muted), argb(grid), argb(highlight),
                argb(masked), argb(segmentB), measure.family(), fontSize.get());
        if (!s.equals(figureStyle.get())) {
            figureStyle.set(s);
        }
    }

    private SimpleStyleableObjectProperty<Paint> paint(CssMetaData<FigureCanvas, Paint> meta, Color initial) {
        SimpleStyleableObjectProperty<Paint> p = new SimpleStyleableObjectProperty<>(meta, this, meta.getProperty(), initial);
        p.addListener(o -> updateStyle());
        return p;
    }

    private static int argb(SimpleStyleableObjectProperty<Paint> p) {
        Paint paint = p.get();
        Color c = paint instanceof Color col ? col : Color.MAGENTA;
        return (int) Math.round(c.getOpacity() * 255) << 24 | (int) Math.round(c.getRed() * 255) << 16
                | (int) Math.round(c.getGreen() * 255) << 8 | (int) Math.round(c.getBlue() * 255);
    }

    private static final class StyleableProperties {
        static final CssMetaData<FigureCanvas, Paint> BACKGROUND = paintMeta("-al-figure-background", c -> c.background, Color.WHITE);
        static final CssMetaData<FigureCanvas, Paint> FOREGROUND = paintMeta("-al-figure-foreground", c -> c.foreground, Color.BLACK);
        static final CssMetaData<FigureCanvas, Paint> MUTED = paintMeta("-al-figure-muted", c -> c.muted, Color.GRAY);
        static final CssMetaData<FigureCanvas, Paint> GRID = paintMeta("-al-figure-grid", c -> c.grid, Color.GRAY);
        static final CssMetaData<FigureCanvas, Paint> HIGHLIGHT = paintMeta("-al-figure-highlight", c -> c.highlight, Color.ORANGE);
        static final CssMetaData<FigureCanvas, Paint> MASKED = paintMeta("-al-figure-masked", c -> c.masked, Color.LIGHTGRAY);
        static final CssMetaData<FigureCanvas, Paint> SEGMENT_B = paintMeta("-al-figure-segment-b", c -> c.segmentB, Color.BLUE);
        static final CssMetaData<FigureCanvas, Number> FONT_SIZE =
                new CssMetaData<>("-al-figure-font-size", SizeConverter.getInstance(), 12.0) {
                    @Override
                    public boolean isSettable(FigureCanvas c) {
                        return !c.fontSize.isBound();
                    }

                    @Override
                    public StyleableProperty<Number> getStyleableProperty(FigureCanvas c) {
                        return c.fontSize;
                    }
                };
        static final List<CssMetaData<? extends Styleable, ?>> ALL;

        static {
            List<CssMetaData<? extends Styleable, ?>> list = new ArrayList<>(Region.getClassCssMetaData());
            Collections.addAll(list, BACKGROUND, FOREGROUND, MUTED, GRID, HIGHLIGHT, MASKED, SEGMENT_B, FONT_SIZE);
            ALL = Collections.unmodifiableList(list);
        }

        private static CssMetaData<FigureCanvas, Paint> paintMeta(String name,
                Function<FigureCanvas, SimpleStyleableObjectProperty<Paint>> prop, Color initial) {
            return new CssMetaData<>(name, PaintConverter.getInstance(), initial) {
                @Override
                public boolean isSettable(FigureCanvas c) {
                    return !prop.apply(c).isBound();
                }

                @Override
                public StyleableProperty<Paint> getStyleableProperty(FigureCanvas c) {
                    return prop.apply(c);
                }
            };
        }
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return StyleableProperties.ALL;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return getClassCssMetaData();
    }
}
