package org.caretaker.site;

/**
 * What a build or a status re-render did.
 *
 * @param rendered  pages rendered
 * @param written   files written because their bytes changed
 * @param unchanged files left alone because they already held those bytes
 * @param links     internal links checked in the generated pages (none broken, or the build had failed)
 */
public record BuildResult(int rendered, int written, int unchanged, int links) {
    public BuildResult(int rendered, int written, int unchanged) {
        this(rendered, written, unchanged, 0);
    }
}
