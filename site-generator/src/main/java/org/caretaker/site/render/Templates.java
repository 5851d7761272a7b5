package org.caretaker.site.render;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;

/**
 * The site's jte templates, compiled into this module at build time from the top-level {@code templates/}
 * folder. Nothing is compiled at run time, and jte escapes every {@code ${}} for its HTML context.
 */
public final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders a template (e.g. {@code home.jte}) with its one view record. */
    public byte[] render(String template, Object view) {
        Utf8ByteOutput output = new Utf8ByteOutput(16 * 1024);
        engine.render(template, view, output);
        return output.toByteArray();
    }
}
