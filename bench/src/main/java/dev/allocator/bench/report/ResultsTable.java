package dev.allocator.bench.report;

import dev.allocator.bench.Discovery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Results arranged as subject x workload (ns/op), in first-seen order, with the markdown the README shows: the
 * scores, and how each of our allocators compares with the best Netty allocator and with malloc.
 */
final class ResultsTable {
    private final List<String> subjects = new ArrayList<>();
    private final List<String> workloads = new ArrayList<>();
    private final Map<String, JmhResult> cells = new LinkedHashMap<>();

    ResultsTable(List<JmhResult> results) {
        for (JmhResult result : results) {
            if (!subjects.contains(result.subject())) {
                subjects.add(result.subject());
            }
            if (!workloads.contains(result.workload())) {
                workloads.add(result.workload());
            }
            cells.put(key(result.subject(), result.workload()), result);
        }
        subjects.sort(Comparator.comparingInt(ResultsTable::subjectRank));
        workloads.sort(Comparator.comparingLong(ResultsTable::workloadRank));
    }

    /** Ours first (direct, then ByteBuffer slices, then segments), then Netty, malloc and the JDK's arena. */
    private static int subjectRank(String subject) {
        List<String> peers = List.of("netty-pooled", "netty-pooled-nocache", "netty-adaptive",
                "netty-adaptive-nocache", "malloc", "arena-confined");
        if (peers.contains(subject)) {
            return 100 + peers.indexOf(subject);
        }
        int family = subject.endsWith("+ByteBuffer") ? 1 : subject.startsWith("memory(") ? 2 : 0;
        String allocator = subject.replace("+ByteBuffer", "").replace("memory(", "").replace(")", "");
        int index = Discovery.BENCHMARKED_BYTE_ALLOCATORS.indexOf(allocator);
        return family * 10 + (index < 0 ? 9 : index);
    }

    /** Steady state by size, churn, then the traces from the smallest live set to the largest, pages last. */
    private static long workloadRank(String workload) {
        List<String> order = List.of("churn", "vec_push_3M", "vec_rand_free_25K_64", "vec_rand_free_7500_520",
                "mixed_align_200K", "page_mixed_100K");
        if (workload.startsWith("steady ")) {
            String[] sizeAndUnit = workload.substring("steady ".length()).split(" ");
            long size = Long.parseLong(sizeAndUnit[0]);
            return sizeAndUnit[1].equals("MiB") ? size << 20 : sizeAndUnit[1].equals("KiB") ? size << 10 : size;
        }
        int index = order.indexOf(workload);
        return (1L << 40) + (index < 0 ? order.size() : index);
    }

    private static String key(String subject, String workload) {
        return subject + "\u0000" + workload;
    }

    List<String> subjects() {
        return subjects;
    }

    List<String> workloads() {
        return workloads;
    }

    /** The score, or NaN when that pair was not measured. */
    double score(String subject, String workload) {
        JmhResult result = cells.get(key(subject, workload));
        return result == null ? Double.NaN : result.score();
    }

    private double error(String subject, String workload) {
        JmhResult result = cells.get(key(subject, workload));
        return result == null ? Double.NaN : result.error();
    }

    /** The lowest score of the subjects whose name starts with {@code prefix}, NaN if none was measured. */
    double best(String prefix, String workload) {
        double best = Double.NaN;
        for (String subject : subjects) {
            double score = score(subject, workload);
            if (subject.startsWith(prefix) && !Double.isNaN(score) && !(score >= best)) {
                best = score;
            }
        }
        return best;
    }

    /** A markdown table's header: {@code firstColumn}, then one right-aligned column per workload. */
    private StringBuilder header(String firstColumn) {
        StringBuilder out = new StringBuilder("| ").append(firstColumn).append(" |");
        for (String workload : workloads) {
            out.append(' ').append(workload).append(" |");
        }
        out.append("\n|---|").append("---:|".repeat(workloads.size())).append('\n');
        return out;
    }

    /** Scores as "mean ± error" in a markdown table, subjects down, workloads across. */
    String scoresMarkdown() {
        StringBuilder out = header("subject");
        for (String subject : subjects) {
            out.append("| ").append(subject).append(" |");
            for (String workload : workloads) {
                double score = score(subject, workload);
                double error = error(subject, workload);
                out.append(' ').append(JmhResult.formatNanos(score));
                if (!Double.isNaN(score) && !Double.isNaN(error)) {
                    out.append(" ± ").append(JmhResult.formatNanos(error));
                }
                out.append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * For each of {@code ours}: how many times faster (above 1) or slower (below 1) than the best Netty allocator
     * and than malloc, per workload.
     */
    String comparisonMarkdown(List<String> ours) {
        StringBuilder out = header("ours vs peer");
        for (String subject : ours) {
            if (!subjects.contains(subject) || !comparable(subject)) {
                continue;
            }
            appendRatioRow(out, subject, "best netty", "netty-");
            appendRatioRow(out, subject, "malloc", "malloc");
        }
        return out.toString();
    }

    /** Whether some workload has both this subject and a peer (the page allocator has no peer). */
    private boolean comparable(String subject) {
        for (String workload : workloads) {
            if (!Double.isNaN(score(subject, workload) / best("netty-", workload))
                    || !Double.isNaN(score(subject, workload) / best("malloc", workload))) {
                return true;
            }
        }
        return false;
    }

    private void appendRatioRow(StringBuilder out, String subject, String label, String peerPrefix) {
        out.append("| ").append(subject).append(" vs ").append(label).append(" |");
        for (String workload : workloads) {
            double ratio = best(peerPrefix, workload) / score(subject, workload);
            out.append(' ').append(Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2fx", ratio))
                    .append(" |");
        }
        out.append('\n');
    }
}
