package dev.diagnostics.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.diagnostics.time.ManualTimeSource;

class ConnectionHoldersTests {

    private final ManualTimeSource time = new ManualTimeSource();

    @Test
    void aThreadHoldingTwoConnectionsReleasesTheOneBorrowedAtTheReportedTime() {
        ConnectionHolders holders = new ConnectionHolders(this.time, 8);
        holders.acquired();
        this.time.advance(Duration.ofSeconds(10));
        holders.acquired();
        this.time.advance(Duration.ofSeconds(1));

        holders.released(11_000);

        assertThat(holders.snapshot()).singleElement()
                .satisfies((holder) -> assertThat(holder.heldFor()).isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void connectionReturnedByAnotherThreadIsReleased() throws Exception {
        ConnectionHolders holders = new ConnectionHolders(this.time, 8);
        CountDownLatch acquired = new CountDownLatch(1);
        Thread borrower = new Thread(() -> {
            holders.acquired();
            acquired.countDown();
        }, "borrower");
        borrower.start();
        assertThat(acquired.await(5, TimeUnit.SECONDS)).isTrue();
        borrower.join();
        this.time.advance(Duration.ofSeconds(2));

        holders.released(2_000);

        assertThat(holders.snapshot()).isEmpty();
    }

    @Test
    void overflowIsCountedNotTrackedAndTimeoutsAreRecorded() {
        ConnectionHolders holders = new ConnectionHolders(this.time, 1);
        holders.acquired();
        holders.acquired();

        assertThat(holders.untracked()).isEqualTo(1);
        assertThat(holders.timedOutEver()).isFalse();
        holders.acquireTimedOut();
        assertThat(holders.timedOutEver()).isTrue();
        assertThat(holders.acquireTimeouts()).isEqualTo(1);
        holders.cancelLastAcquire();
        assertThat(holders.snapshot()).isEmpty();
    }

    @Test
    void longestHoldAndHoldsPastAThreshold() {
        ConnectionHolders holders = new ConnectionHolders(this.time, 4);
        holders.acquired();
        this.time.advance(Duration.ofSeconds(40));
        holders.acquired();

        assertThat(holders.longestHoldNanos()).isEqualTo(Duration.ofSeconds(40).toNanos());
        assertThat(holders.heldLongerThan(Duration.ofSeconds(30))).isEqualTo(1);
    }
}
