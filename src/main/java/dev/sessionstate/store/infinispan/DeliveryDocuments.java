package dev.sessionstate.store.infinispan;

import dev.sessionstate.core.DeliveryProgress;
import dev.sessionstate.core.DeliveryProgress.Pending;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Webhook delivery progress as a JSON document:
 * {@code {"cursor":41,"pending":[[38,2,1796040000000]]}}, each pending event as its sequence,
 * attempts made and when it is due (epoch milliseconds).
 */
final class DeliveryDocuments {

    private DeliveryDocuments() {}

    static String write(DeliveryProgress progress) {
        StringBuilder json = new StringBuilder(32 + 32 * progress.pending().size());
        json.append("{\"cursor\":").append(progress.cursor()).append(",\"pending\":[");
        for (int i = 0; i < progress.pending().size(); i++) {
            Pending pending = progress.pending().get(i);
            json.append(i == 0 ? "[" : ",[")
                    .append(pending.sequence())
                    .append(',')
                    .append(pending.attempts())
                    .append(',')
                    .append(pending.due().toEpochMilli())
                    .append(']');
        }
        return json.append("]}").toString();
    }

    static DeliveryProgress read(String json) {
        JsonCursor cursor = new JsonCursor(json);
        long at = 0;
        List<Pending> pending = new ArrayList<>();
        for (String name = cursor.firstMember(); name != null; name = cursor.nextMember()) {
            switch (name) {
                case "cursor" -> at = cursor.integer();
                case "pending" -> readPending(cursor, pending);
                default -> cursor.skipValue();
            }
        }
        cursor.end();
        return new DeliveryProgress(at, pending);
    }

    private static void readPending(JsonCursor cursor, List<Pending> pending) {
        cursor.expect('[');
        if (cursor.consume(']')) {
            return;
        }
        do {
            cursor.expect('[');
            long sequence = cursor.integer();
            cursor.expect(',');
            int attempts = Math.toIntExact(cursor.integer());
            cursor.expect(',');
            Instant due = Instant.ofEpochMilli(cursor.integer());
            cursor.expect(']');
            pending.add(new Pending(sequence, attempts, due));
        } while (cursor.consume(','));
        cursor.expect(']');
    }
}
