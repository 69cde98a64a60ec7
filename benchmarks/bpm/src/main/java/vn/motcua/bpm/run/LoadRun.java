package vn.motcua.bpm.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code clients} threads, each taking the next dossier and doing its whole life, step after step, back to back:
 * the same closed-loop load on both sides. A failed step fails the run (the benchmark compares working systems).
 */
public final class LoadRun {

    public record Result(int lifecycles, double seconds, Latencies latencies) {
        public double perSecond() {
            return lifecycles / seconds;
        }
    }

    private LoadRun() {
    }

    public static Result run(Side side, String tag, int count, int clients) throws Exception {
        List<DossierPlan> plans = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // A dossier id is unique per side and run; offices rotate as at a district's communes.
            plans.add(DossierPlan.fresh("%s-%s-%06d".formatted(tag, Long.toString(System.nanoTime(), 36), i),
                    "BENCH." + (i % 20)));
        }
        Latencies latencies = new Latencies();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        DossierPlan plan = plans.get(i);
                        for (Step step : Step.values()) {
                            long t = System.nanoTime();
                            side.run(step, plan);
                            latencies.add(step, System.nanoTime() - t);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(count, (System.nanoTime() - start) / 1e9, latencies);
    }
}
