package org.caretaker.check.proxmox;

/**
 * One storage as a Proxmox node sees it ({@code /nodes/<node>/storage}) or as {@code /cluster/resources}
 * lists it.
 *
 * @param node          the node, when the source says (cluster resources); empty from a node's own list
 * @param name          storage id, e.g. {@code local-zfs}
 * @param type          plugin type: dir, zfspool, lvmthin, nfs, cifs, pbs…
 * @param enabled       not disabled in storage.cfg
 * @param active        Proxmox can use it now (mounted, reachable)
 * @param usedFraction  used / total as Proxmox computed it, NaN when not given
 * @param used          bytes used, NaN when unknown
 * @param total         bytes in total, NaN when unknown
 * @param content       content types, e.g. "images,rootdir"
 */
public record Storage(String node, String name, String type, boolean enabled, boolean active, double usedFraction,
        double used, double total, String content) {

    /** Used percentage from the fraction Proxmox gives, else from used/total; NaN when neither is known. */
    public double usedPercent() {
        if (!Double.isNaN(usedFraction)) {
            return usedFraction * 100;
        }
        return total > 0 ? used * 100 / total : Double.NaN;
    }

    /** {@code node/name} when the node is known (cluster-wide lists repeat names per node), else the name. */
    public String subject() {
        return node.isEmpty() ? name : node + "/" + name;
    }
}
