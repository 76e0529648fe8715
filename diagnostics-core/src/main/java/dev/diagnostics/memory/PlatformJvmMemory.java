package dev.diagnostics.memory;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link JvmMemory} from the platform MXBeans (java.lang.management only; no {@code com.sun.management} class).
 *
 * <p>The old generation is every heap pool that reports collection usage and is not a young pool (eden, survivor):
 * {@code G1 Old Gen}, {@code PS Old Gen}, {@code Tenured Gen}, {@code ZGC Old Generation}, {@code ZHeap},
 * {@code Shenandoah}. What "after GC" means depends on the collector:
 * <ul>
 * <li>Serial and Parallel have a young collector that never touches the old pool and a major one that does: the old
 * pool's collection usage, set by each major collection, is exactly what was live after it. Young collections only
 * promote (garbage included) into the old pool, so their figures are not used.</li>
 * <li>G1 (whose young and mixed collections are reported by a collector that lists the old pool but, before JDK 20,
 * does not update its collection usage), ZGC and Shenandoah: the old pool's occupancy as it stands after each
 * collection, read when the collection's notification arrives. With G1 that includes promoted garbage until the next
 * marking cycle; the watcher judges the lowest of recent readings and the floor of each trend slice.</li>
 * </ul>
 * GC notifications are matched by their type string ({@code com.sun.management.gc.notification}), so no
 * {@code com.sun.management} class is needed to receive them.
 */
final class PlatformJvmMemory implements JvmMemory {

    private static final Logger logger = LoggerFactory.getLogger(PlatformJvmMemory.class);

    static final String GC_NOTIFICATION = "com.sun.management.gc.notification";

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private final List<MemoryPoolMXBean> oldPools = new ArrayList<>();

    /** For each old pool, the collectors that collect it; the pool's collection usage means nothing before they ran. */
    private final List<List<GarbageCollectorMXBean>> oldPoolCollectors = new ArrayList<>();

    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

    private final MemoryPoolMXBean metaspace;

    /** Whether a young collector exists that does not collect the old pool (Serial, Parallel). */
    private final boolean separateMajorCollector;

    private final List<BufferPoolMXBean> bufferPools = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);

    PlatformJvmMemory() {
        MemoryPoolMXBean metaspacePool = null;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid() && isOldGen(pool.getName())
                    && pool.getCollectionUsage() != null) {
                this.oldPools.add(pool);
                List<GarbageCollectorMXBean> collecting = new ArrayList<>();
                for (GarbageCollectorMXBean collector : this.collectors) {
                    if (Arrays.asList(collector.getMemoryPoolNames()).contains(pool.getName())) {
                        collecting.add(collector);
                    }
                }
                this.oldPoolCollectors.add(collecting);
            }
            else if (pool.getType() == MemoryType.NON_HEAP && "Metaspace".equals(pool.getName())) {
                metaspacePool = pool;
            }
        }
        this.metaspace = metaspacePool;
        boolean separate = false;
        for (GarbageCollectorMXBean collector : this.collectors) {
            List<String> pools = Arrays.asList(collector.getMemoryPoolNames());
            boolean young = pools.stream().anyMatch((name) -> !isOldGen(name));
            boolean old = this.oldPools.stream().anyMatch((pool) -> pools.contains(pool.getName()));
            separate |= young && !old && !this.oldPools.isEmpty();
        }
        this.separateMajorCollector = separate;
    }

    static boolean isOldGen(String poolName) {
        String name = poolName.toLowerCase(Locale.ROOT);
        return !(name.contains("eden") || name.contains("survivor") || name.contains("young")
                || name.contains("nursery"));
    }

    @Override
    public JvmMemoryReading read() {
        long oldAfterGc = -1;
        long oldMax = 0;
        long heapMax = this.memory.getHeapMemoryUsage().getMax();
        for (int i = 0; i < this.oldPools.size(); i++) {
            MemoryPoolMXBean pool = this.oldPools.get(i);
            MemoryUsage usage = pool.getUsage();
            if (collected(this.oldPoolCollectors.get(i))) {
                MemoryUsage afterGc = this.separateMajorCollector ? pool.getCollectionUsage() : usage;
                if (afterGc != null) {
                    oldAfterGc = Math.max(0, oldAfterGc) + afterGc.getUsed();
                }
            }
            long max = usage.getMax();
            oldMax += (max > 0) ? max : 0;
        }
        if (oldMax <= 0 || (heapMax > 0 && oldMax > heapMax)) {
            oldMax = heapMax;
        }
        MemoryUsage heap = this.memory.getHeapMemoryUsage();
        long gcCount = 0;
        long gcTime = 0;
        for (GarbageCollectorMXBean collector : this.collectors) {
            gcCount += Math.max(0, collector.getCollectionCount());
            gcTime += Math.max(0, collector.getCollectionTime());
        }
        long direct = 0;
        for (BufferPoolMXBean buffers : this.bufferPools) {
            direct += Math.max(0, buffers.getMemoryUsed());
        }
        return new JvmMemoryReading(oldAfterGc, (oldMax > 0) ? oldMax : -1, heap.getUsed(), heap.getCommitted(),
                heap.getMax(), (this.metaspace != null) ? this.metaspace.getUsage().getUsed() : -1,
                this.memory.getNonHeapMemoryUsage().getCommitted(), direct, this.threads.getThreadCount(), gcCount,
                gcTime);
    }

    private static boolean collected(List<GarbageCollectorMXBean> collectors) {
        if (collectors.isEmpty()) {
            return true;
        }
        for (GarbageCollectorMXBean collector : collectors) {
            if (collector.getCollectionCount() > 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public AutoCloseable onCollection(Runnable listener) {
        List<NotificationEmitter> emitters = new ArrayList<>();
        NotificationListener gcListener = (Notification notification, Object handback) -> {
            String type = notification.getType();
            if (GC_NOTIFICATION.equals(type)
                    || MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(type)) {
                listener.run();
            }
        };
        for (GarbageCollectorMXBean collector : this.collectors) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(gcListener, null, null);
                emitters.add(emitter);
            }
        }
        if (this.memory instanceof NotificationEmitter emitter) {
            emitter.addNotificationListener(gcListener, null, null);
            emitters.add(emitter);
        }
        return () -> {
            for (NotificationEmitter emitter : emitters) {
                try {
                    emitter.removeNotificationListener(gcListener);
                }
                catch (ListenerNotFoundException ex) {
                    logger.debug("GC listener was already removed", ex);
                }
            }
        };
    }

    @Override
    public void armCollectionThreshold(double share) {
        long heapMax = this.memory.getHeapMemoryUsage().getMax();
        for (MemoryPoolMXBean pool : this.oldPools) {
            if (!pool.isCollectionUsageThresholdSupported()) {
                continue;
            }
            long max = pool.getUsage().getMax();
            long basis = (max > 0) ? max : heapMax;
            if (basis > 0) {
                try {
                    pool.setCollectionUsageThreshold((long) (basis * share));
                }
                catch (RuntimeException ex) {
                    logger.debug("Could not arm the collection usage threshold of pool '{}'", pool.getName(), ex);
                }
            }
        }
    }

    @Override
    public List<String> oldGenPools() {
        List<String> names = new ArrayList<>();
        for (MemoryPoolMXBean pool : this.oldPools) {
            names.add(pool.getName());
        }
        return names;
    }
}
