package io.econtext.fleet;

import java.util.List;

/**
 * One host of an {@link Inventory}, as its line and its group's line say.
 *
 * <pre>
 * [web] user=deploy jump=ops@bastion.example.com      the group's settings apply to its hosts ...
 * web1.example.com                                     name web1.example.com, user deploy, jump ops@bastion...
 * root@web2.example.com:2222 jump=none                 ... unless the host's own line says otherwise
 * [site-b] via=ops@gw.site-b.example.com              booted by a context on the gateway (tree fan-out)
 * </pre>
 *
 * @param name the host as it appears in output and results: {@code host} or {@code host:port}, without the user
 * @param host the host name, address or {@code ~/.ssh/config} alias to connect to
 * @param port the port, or 0 for the ssh configuration's (22 by default)
 * @param user the login name, or {@code null} for the ssh configuration's
 * @param jump the jump host(s) to reach it through, {@code [user@]host[:port][,...]} as OpenSSH's ProxyJump, or
 *     {@code null}
 * @param via the gateway, {@code [user@]host[:port]}, on which an econtext context boots this host (and the others
 *     of its site): the master talks to the gateway only; or {@code null}
 * @param groups the groups it is listed in, in file order (a host listed in several groups appears once)
 */
public record InventoryHost(
        String name, String host, int port, String user, String jump, String via, List<String> groups) {
    public InventoryHost {
        groups = List.copyOf(groups);
    }

    /** {@code [user@]host[:port]} as on an ssh command line (an IPv6 address in brackets when a port follows). */
    public String destination() {
        return (user == null ? "" : user + "@") + name;
    }
}
