package vn.motcua.workflow.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static List<String> lines(String text, int max) throws IOException {
        LineReader reader = new LineReader(new StringReader(text), max);
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = reader.next()) != null) {
            lines.add(line == LineReader.TOO_LONG ? "<too long>" : line);
        }
        return lines;
    }

    @Test
    void splitsOnLineFeedsDropsCarriageReturnsAndKeepsALastLineWithoutEnd() throws IOException {
        assertThat(lines("{\"a\":1}\r\n\n{\"b\":2}\n{\"c\":3}", 100))
                .containsExactly("{\"a\":1}", "", "{\"b\":2}", "{\"c\":3}");
        assertThat(lines("", 100)).isEmpty();
    }

    @Test
    void aLineLongerThanTheBoundIsReportedAndTheNextOneIsReadWhole() throws IOException {
        String longLine = "x".repeat(20_000);
        assertThat(lines("short\n" + longLine + "\nafter\n", 10_000)).containsExactly("short", "<too long>", "after");
        assertThat(lines("y".repeat(10_000) + "\n", 10_000)).containsExactly("y".repeat(10_000));
    }
}
