package org.caretaker.site.content;

/** A link written in a content page, kept with its line so that a broken one can be reported where it is. */
public record LinkRef(String href, int line) {
}
