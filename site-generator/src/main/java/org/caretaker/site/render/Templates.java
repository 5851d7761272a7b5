package org.caretaker.site.render;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.TemplateOutput;
import gg.jte.output.Utf8ByteOutput;

/**
 * The site's jte templates, compiled into this module at build time from the top-level {@code templates/}
 * folder. Nothing is compiled at run time, and jte escapes every {@code ${}} for its HTML context. Text from
 * hosts may also hold control characters (terminal escapes for whoever fetches a page with curl) and
 * bidirectional overrides (which reorder what a reader sees); they are dropped on the way out.
 */
public final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders a template (e.g. {@code home.jte}) with its one view record. */
    public byte[] render(String template, Object view) {
        Utf8ByteOutput output = new Utf8ByteOutput(16 * 1024);
        engine.render(template, view, new PlainCharacters(output));
        return output.toByteArray();
    }

    /** Passes text on without C0 controls (but tab and line breaks), DEL, C1 controls and bidirectional controls. */
    private static final class PlainCharacters implements TemplateOutput {
        private final TemplateOutput out;

        PlainCharacters(TemplateOutput out) {
            this.out = out;
        }

        @Override
        public void writeContent(String value) {
            out.writeContent(clean(value));
        }

        @Override
        public void writeContent(String value, int beginIndex, int endIndex) {
            out.writeContent(clean(value.substring(beginIndex, endIndex)));
        }

        @Override
        public void writeBinaryContent(byte[] value) {
            out.writeBinaryContent(value);
        }

        private static String clean(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (dropped(s.charAt(i))) {
                    StringBuilder b = new StringBuilder(s.length());
                    s.chars().filter(c -> !dropped((char) c)).forEach(c -> b.append((char) c));
                    return b.toString();
                }
            }
            return s;
        }

        private static boolean dropped(char c) {
            return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c < 0xa0) || c == 0x200e || c == 0x200f
                    || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
        }
    }
}
