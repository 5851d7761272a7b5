package org.caretaker.site;

/**
 * What a build or a status re-render did.
 *
 * @param rendered  pages rendered
 * @param written   files written because their bytes changed
 * @param unchanged files left alone because they already held those bytes
 */
public record BuildResult(int rendered, int written, int unchanged) {
}
