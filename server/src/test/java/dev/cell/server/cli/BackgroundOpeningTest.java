package dev.cell.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.store.StoreUnavailableException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BackgroundOpeningTest {

    /** Stands for the database: records the thread that opened it and whether it was closed. */
    static final class Resource implements AutoCloseable {
        final String openedOn = Thread.currentThread().getName();
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @Test
    void opensOnItsOwnThreadAndJoinReturnsTheResource() {
        BackgroundOpening<Resource> opening = BackgroundOpening.start("test-open", Resource::new);
        Resource r = opening.join();
        assertThat(r.openedOn).isEqualTo("test-open");
        assertThat(r.closed.getCount()).as("joining does not close").isEqualTo(1);
    }

    @Test
    void joinThrowsTheOpeningFailureAsItWasThrown() {
        StoreUnavailableException failure = new StoreUnavailableException("cannot connect to the database: refused", null);
        BackgroundOpening<Resource> opening = BackgroundOpening.start("test-open", () -> {
            throw failure;
        });
        assertThatThrownBy(opening::join).isSameAs(failure);
    }

    @Test
    void anAbandonedOpeningIsClosedOnceItHasOpened() throws Exception {
        CountDownLatch mayOpen = new CountDownLatch(1);
        AtomicReference<Resource> opened = new AtomicReference<>();
        BackgroundOpening<Resource> opening = BackgroundOpening.start("test-open", () -> {
            mayOpen.await();
            opened.set(new Resource());
            return opened.get();
        });
        opening.abandon();                 // the start failed while the resource was still opening
        mayOpen.countDown();
        for (int i = 0; i < 500 && opened.get() == null; i++) {
            Thread.sleep(10);
        }
        assertThat(opened.get()).isNotNull();
        assertThat(opened.get().closed.await(10, TimeUnit.SECONDS)).as("closed after it opened").isTrue();
    }
}
