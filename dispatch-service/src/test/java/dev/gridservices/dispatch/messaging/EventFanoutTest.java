package dev.gridservices.dispatch.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventFanoutTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void subscriptionTargetsFilterOnlyTargetedEvents() throws Exception {
        assertThat(EventFanout.targetsMatch(mapper.readTree("[]"), List.of("ven-1"))).isTrue();
        assertThat(EventFanout.targetsMatch(mapper.readTree("[\"ven-1\"]"), List.of())).isTrue();
        assertThat(EventFanout.targetsMatch(mapper.readTree("[\"ven-1\"]"), List.of("ven-2", "ven-1"))).isTrue();
        assertThat(EventFanout.targetsMatch(mapper.readTree("[\"ven-1\"]"), List.of("ven-2"))).isFalse();
    }
}
