package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.Context;
import io.econtext.ContextIdentity;
import io.econtext.Here;
import io.econtext.RemoteCallable;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.local.Local;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Code asks where it runs: in the master, at the first hop, at the second, in real child JVMs. */
@Timeout(60)
class HereTest {
    @Test
    void eachContextKnowsItsNameIdDepthAndParent() {
        try (Router router = Econtext.newRouter()) {
            Context middle = router.connect(Local.spec().name("middle"));
            Context far = router.connect(Local.spec().name("far").via(middle));
            RemoteCallable<ContextIdentity> who = Here::identity;

            ContextIdentity atMiddle = middle.call(who);
            ContextIdentity atFar = far.call(who);

            assertThat(atMiddle).isEqualTo(new ContextIdentity(middle.id(), "middle", 1, 0, "master"));
            assertThat(atMiddle.isMaster()).isFalse();
            assertThat(atFar).isEqualTo(new ContextIdentity(far.id(), "far", 2, middle.id(), "middle"));
            assertThat(far.call(() -> Here.isMaster())).isFalse();
            assertThat(atFar.toString())
                    .isEqualTo("'far' (id " + far.id() + ", depth 2, parent 'middle' (id " + middle.id() + "))");
        }
    }

    @Test
    void theMasterIsTheMaster() {
        assertThat(Here.identity()).isEqualTo(ContextIdentity.MASTER);
        assertThat(Here.isMaster()).isTrue();
        assertThat(Here.identity().depth()).isZero();
        assertThat(Here.identity().parentName()).isNull();
    }
}
