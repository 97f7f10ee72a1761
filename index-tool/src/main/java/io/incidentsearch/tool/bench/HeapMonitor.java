package io.incidentsearch.tool.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Follows heap use during one phase: the highest heap in use (sampled every 10 ms, and read before
 * every collection), the highest heap still live after a collection (what the phase really needs),
 * and the collections' count and time.
 */
final class HeapMonitor implements AutoCloseable {
  private static final String GC_NOTIFICATION = "com.sun.management.gc.notification";

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final List<Runnable> unsubscribe = new ArrayList<>();
  private final Thread sampler;
  private final long gcCountStart;
  private final long gcMillisStart;
  private volatile boolean running = true;

  /** What a phase used. */
  record Usage(long peakUsedBytes, long peakLiveBytes, long gcCount, long gcMillis) {}

  private HeapMonitor() {
    gcCountStart = gcCount();
    gcMillisStart = gcMillis();
    sample();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        NotificationListener listener = this::onGc;
        emitter.addNotificationListener(listener, null, null);
        unsubscribe.add(
            () -> {
              try {
                emitter.removeNotificationListener(listener);
              } catch (javax.management.ListenerNotFoundException e) {
                // already gone
              }
            });
      }
    }
    sampler = new Thread(this::sampleLoop, "bench-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts following the heap (after a collection, so earlier garbage does not count). */
  static HeapMonitor start() {
    System.gc();
    return new HeapMonitor();
  }

  /** Stops and returns what was used since {@link #start()}. */
  Usage stop() {
    sample();
    running = false;
    sampler.interrupt();
    try {
      sampler.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    unsubscribe.forEach(Runnable::run);
    unsubscribe.clear();
    return new Usage(
        peakUsed.get(), peakAfterGc.get(), gcCount() - gcCountStart, gcMillis() - gcMillisStart);
  }

  @Override
  public void close() {
    if (running) {
      stop();
    }
  }

  private void sampleLoop() {
    while (running) {
      sample();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sample() {
    peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
  }

  private void onGc(Notification n, Object handback) {
    if (!GC_NOTIFICATION.equals(n.getType()) || !(n.getUserData() instanceof CompositeData cd)) {
      return;
    }
    CompositeData info = (CompositeData) cd.get("gcInfo");
    if (info == null) {
      return;
    }
    peakUsed.accumulateAndGet(heapTotal(info.get("memoryUsageBeforeGc")), Math::max);
    peakAfterGc.accumulateAndGet(heapTotal(info.get("memoryUsageAfterGc")), Math::max);
  }

  /** The used bytes of the heap pools in a GcInfo usage map (non-heap pools left out). */
  private static long heapTotal(Object usageMap) {
    if (!(usageMap instanceof javax.management.openmbean.TabularData table)) {
      return 0;
    }
    long heapPoolsUsed = 0;
    for (Object row : table.values()) {
      CompositeData entry = (CompositeData) row;
      String pool = (String) entry.get("key");
      if (isHeapPool(pool)) {
        MemoryUsage u = MemoryUsage.from((CompositeData) entry.get("value"));
        heapPoolsUsed += u.getUsed();
      }
    }
    return heapPoolsUsed;
  }

  private static boolean isHeapPool(String name) {
    for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().equals(name)) {
        return pool.getType() == java.lang.management.MemoryType.HEAP;
      }
    }
    return false;
  }

  private static long gcCount() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }

  private static long gcMillis() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionTime());
    }
    return n;
  }
}
