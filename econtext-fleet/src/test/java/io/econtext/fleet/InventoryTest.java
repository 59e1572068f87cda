package io.econtext.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InventoryTest {
    private static final String HOSTS = String.join(
            "\n",
            "# the fleet",
            "db1.example.com",
            "[web] user=deploy jump=ops@bastion:2200   # the group's settings",
            "web1.example.com",
            "root@web2.example.com:2222",
            "web3 jump=none",
            "[::1]:2022",
            "",
            "[canary]",
            "web1.example.com",
            "canary1 user=tester",
            "[site-b] via=ops@gw.site-b:2200",
            "app1.site-b",
            "app2.site-b via=none");

    @Test
    void readsHostsGroupsAndSettings() {
        Inventory inv = Inventory.parse(HOSTS, "hosts.txt");

        assertThat(inv.groups()).containsExactly("web", "canary", "site-b");
        assertThat(inv.hosts())
                .extracting(InventoryHost::name)
                .containsExactly(
                        "db1.example.com",
                        "web1.example.com",
                        "web2.example.com:2222",
                        "web3",
                        "[::1]:2022",
                        "canary1",
                        "app1.site-b",
                        "app2.site-b");
        assertThat(inv.group("site-b").hosts())
                .extracting(InventoryHost::via)
                .containsExactly("ops@gw.site-b:2200", null);
        assertThat(inv.hosts().get(1).via()).isNull();
        InventoryHost db = inv.hosts().get(0);
        assertThat(db.user()).isNull();
        assertThat(db.groups()).isEmpty();
        InventoryHost web1 = inv.hosts().get(1);
        assertThat(web1.user()).isEqualTo("deploy");
        assertThat(web1.jump()).isEqualTo("ops@bastion:2200");
        assertThat(web1.groups()).containsExactly("web", "canary");
        assertThat(web1.destination()).isEqualTo("deploy@web1.example.com");
        InventoryHost web2 = inv.hosts().get(2);
        assertThat(web2.user()).isEqualTo("root");
        assertThat(web2.port()).isEqualTo(2222);
        assertThat(web2.destination()).isEqualTo("root@web2.example.com:2222");
        assertThat(inv.hosts().get(3).jump()).isNull();
        InventoryHost v6 = inv.hosts().get(4);
        assertThat(v6.host()).isEqualTo("::1");
        assertThat(v6.port()).isEqualTo(2022);
        assertThat(v6.destination()).isEqualTo("deploy@[::1]:2022");
        assertThat(inv.hosts().get(5).user()).isEqualTo("tester");
        assertThat(inv.group("canary").hosts())
                .extracting(InventoryHost::name)
                .containsExactly("web1.example.com", "canary1");
    }

    @Test
    void namesTheLineAndWhatToWriteForEveryMistake() {
        assertThat(catchThrowableOfType(InventoryException.class, () -> Inventory.parse("a\nweb1 port=22", "h")))
                .hasMessage(
                        "h:2: 'port=22' (expected: user=NAME, jump=[user@]host[:port][,...] or via=[user@]host[:port]"
                                + " after the host or group)")
                .extracting(InventoryException::line)
                .isEqualTo(2);
        assertThatThrownBy(() -> Inventory.parse("web1:99999", "h"))
                .isInstanceOf(InventoryException.class)
                .hasMessage("h:1: port '99999' in 'web1:99999' (expected: 1-65535)");
        assertThatThrownBy(() -> Inventory.parse("fe80::1:22", "h"))
                .hasMessageContaining("write an IPv6 address in brackets");
        assertThatThrownBy(() -> Inventory.parse("[we b]", "h"))
                .hasMessage("h:1: group '[we b]' (expected: a name without spaces, e.g. [web])");
        assertThatThrownBy(() -> Inventory.parse("[w/b]", "h")).hasMessageContaining("group name 'w/b'");
        assertThatThrownBy(() -> Inventory.parse("bad$host", "h")).hasMessageContaining("host 'bad$host'");
        assertThatThrownBy(() -> Inventory.parse("x user=", "h")).hasMessageContaining("user ''");
        assertThatThrownBy(() -> Inventory.parse(HOSTS, "h").group("db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("group : 'db' (expected one of: web, canary, site-b)");
        assertThatThrownBy(() -> Inventory.parse("a via=g1,g2", "h")).hasMessageContaining("via 'g1,g2'");
    }

    @Test
    void shardsAreStableDisjointAndCoverEveryHost() {
        List<InventoryHost> hosts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            hosts.add(new InventoryHost("host-" + i, "host-" + i, 0, null, null, null, List.of()));
        }
        Inventory inv = Inventory.of(hosts);
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < 7; k++) {
            Inventory shard = inv.shard(k, 7);
            assertThat(shard.size()).as("shard " + k).isBetween(100, 190);
            for (InventoryHost h : shard.hosts()) {
                assertThat(seen.add(h.name())).as(h.name() + " in two shards").isTrue();
            }
        }
        assertThat(seen).hasSize(1000);
        // the same host lands in the same shard whatever else the inventory holds, in any JVM
        assertThat(Inventory.shardOf("host-42", 7)).isEqualTo(Inventory.shardOf("host-42", 7));
        assertThat(Inventory.of(hosts.subList(40, 50))
                        .shard(Inventory.shardOf("host-42", 7), 7)
                        .hosts())
                .extracting(InventoryHost::name)
                .contains("host-42");
        assertThatThrownBy(() -> inv.shard(7, 7)).hasMessageContaining("expected: K/N with 0 <= K < N");
    }
}
