package org.caretaker.site.content;

import java.util.List;

/**
 * The site cannot be built as it is: broken links, unknown anchors, unreadable pages. Carries every problem,
 * each naming its file and line, so that one build shows all of them.
 */
public final class SiteBuildException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public SiteBuildException(List<String> problems) {
        super("the site was not built:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
