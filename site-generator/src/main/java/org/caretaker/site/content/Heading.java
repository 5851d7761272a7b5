package org.caretaker.site.content;

/** A heading of a content page, for the table of contents and the anchor check. */
public record Heading(int level, String text, String id, int line) {
}
