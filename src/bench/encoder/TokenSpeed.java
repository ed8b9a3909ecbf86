import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelledItem;
import io.rubrique.text.OnnxEncoders;
import io.rubrique.text.TextEncoder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Process CPU time of e5-small-v2-q per text at 128, 64 and 256 tokens, in alternating rounds, one text per call,
 * no cache: {@code java -cp target/rubrique.jar src/bench/encoder/TokenSpeed.java ../shared/pool/labelled.jsonl 30}.
 */
public final class TokenSpeed {
    public static void main(String[] a) throws Exception {
        List<LabelledItem> pool = LabelReader.read(Path.of(a[0])).items();
        int n = Integer.parseInt(a[1]);
        List<String> texts = new ArrayList<>();
        for (LabelledItem it : pool.subList(0, n)) texts.add(it.title() + ". " + it.text());
        TextEncoder enc = new OnnxEncoders.E5SmallV2Q().load();
        com.sun.management.OperatingSystemMXBean mx = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        enc.embed(texts.subList(0, 5), 128); // warm-up
        enc.embed(texts.subList(0, 5), 64);
        for (int round = 0; round < 3; round++) {
            for (int tokens : new int[] {128, 64, 256}) {
                long c0 = mx.getProcessCpuTime();
                for (String t : texts) enc.embed(List.of(t), tokens);
                long c1 = mx.getProcessCpuTime();
                System.out.printf("round %d tokens %d: %.1f ms CPU per text (%d texts)%n", round, tokens, (c1 - c0) / 1e6 / texts.size(), texts.size());
            }
        }
    }
}
