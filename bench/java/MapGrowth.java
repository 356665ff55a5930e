import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one insert costs while a ConcurrentHashMap grows to a million entries, against the same map
 * sized for them at construction (issue 18; figures in bench/RESULTS.md). The insert that crosses
 * the resize threshold copies the whole table on its own thread: in the service, a request's event
 * loop.
 *
 * <pre>taskset -c 0 java -XX:+UseZGC -Xms1g -Xmx1g bench/java/MapGrowth.java [entries] [rounds]</pre>
 */
public class MapGrowth {
    public static void main(String[] args) {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int round = 1; round <= rounds; round++) {
            for (boolean presized : new boolean[] {false, true}) {
                ConcurrentHashMap<String, String> map =
                        presized ? new ConcurrentHashMap<>(entries) : new ConcurrentHashMap<>();
                long worst = 0;
                int worstAt = 0;
                StringBuilder over10 = new StringBuilder();
                for (int i = 0; i < entries; i++) {
                    String key = UUID.randomUUID().toString();
                    long start = System.nanoTime();
                    map.putIfAbsent(key, key);
                    long took = System.nanoTime() - start;
                    if (took > 10_000_000) {
                        over10.append(' ').append(i).append(':').append(took / 1_000_000).append("ms");
                    }
                    if (took > worst) {
                        worst = took;
                        worstAt = i;
                    }
                }
                System.out.printf("round %d %s: worst insert %.1f ms at %d; over 10 ms:%s%n", round,
                        presized ? "presized" : "growing ", worst / 1e6, worstAt, over10.length() == 0 ? " none" : over10);
            }
        }
    }
}
