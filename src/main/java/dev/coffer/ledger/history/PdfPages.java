package dev.coffer.ledger.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Lays text lines onto A4 pages top to bottom, opening a new page when one is full and closing the finished one's
 * content stream at once (with a scratch-file stream cache its bytes leave memory then). Text is drawn in Helvetica;
 * characters it cannot show (outside Latin-1 and the euro sign) become '?', so no name can break a statement.
 */
final class PdfPages implements AutoCloseable {

    static final float MARGIN = 50;
    static final float LEADING = 14;
    static final float FONT_SIZE = 9;
    static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private final PDDocument document;
    private final String footer;
    private PDPageContentStream page;
    private float y;
    private int pages;

    PdfPages(PDDocument document, String footer) {
        this.document = document;
        this.footer = footer;
    }

    /** Room for {@code lines} more lines on this page, or a new page. True when a new page was started. */
    boolean ensureRoom(int lines) {
        if (page != null && y - lines * LEADING >= MARGIN + LEADING) {
            return false;
        }
        newPage();
        return true;
    }

    /** One line of text at {@code x}; {@code rightAlignedAt > 0} aligns its end there instead. */
    void text(PDType1Font font, float x, String text, float rightAlignedAt) {
        try {
            var clean = printable(text);
            float at = rightAlignedAt > 0 ? rightAlignedAt - width(font, clean) : x;
            page.beginText();
            page.setFont(font, FONT_SIZE);
            page.newLineAtOffset(at, y);
            page.showText(clean);
            page.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void nextLine() {
        y -= LEADING;
    }

    static float width(PDType1Font font, String text) {
        try {
            return font.getStringWidth(printable(text)) / 1000 * FONT_SIZE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cuts {@code text} to fit {@code maxWidth} points, marking the cut with "...". */
    static String fit(String text, float maxWidth) {
        var clean = printable(text == null ? "" : text);
        if (width(REGULAR, clean) <= maxWidth) {
            return clean;
        }
        int end = clean.length();
        while (end > 0 && width(REGULAR, clean.substring(0, end) + "...") > maxWidth) {
            end--;
        }
        return clean.substring(0, end) + "...";
    }

    static String printable(String text) {
        var out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.append(c == '€' || (c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0xff)
                ? Character.toString(c) : "?"));
        return out.toString();
    }

    private void newPage() {
        try {
            closePage();
            var next = new PDPage(PDRectangle.A4);
            document.addPage(next);
            pages++;
            page = new PDPageContentStream(document, next);
            y = PDRectangle.A4.getHeight() - MARGIN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closePage() throws IOException {
        if (page == null) {
            return;
        }
        page.beginText();
        page.setFont(REGULAR, FONT_SIZE);
        page.newLineAtOffset(MARGIN, MARGIN / 2);
        page.showText(printable(footer + " - page " + pages));
        page.endText();
        page.close();
        page = null;
    }

    @Override
    public void close() {
        try {
            closePage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
