package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.Base64Url;
import org.k2store.api.DhtArc;
import org.k2store.cassandra.SectorStats;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.testkit.Ops;

/**
 * The ring console in a real browser: headless Chromium loads /console/ from a service on the
 * embedded Cassandra holding known ops, and the DOM must show exactly those ops per sector, in
 * total and in the space list, the slice hashes stored, and the live figures of the calls made.
 * Saves a screenshot to target/ring-console.png. Skipped where no Chromium is installed.
 */
@ExtendWith(CassandraExtension.class)
class RingConsoleBrowserTest {

    private static final String ALICE = "alice-token";
    private static final String SPACE = Base64Url.encode("ring-console".getBytes(StandardCharsets.UTF_8));
    private static final String OTHER = Base64Url.encode("another-space".getBytes(StandardCharsets.UTF_8));
    private static final long SLICE = SectorStats.bucketMicros(SectorStats.HISTORY);
    private static final Path TARGET = Path.of("target");
    private static final int BUDGET_MS = 8000;

    private static ChromiumHeadless chromium;
    private static TestServer server;
    private static Http api;
    private static final long[] EXPECTED = new long[DhtArc.SECTOR_COUNT];
    private static final Map<Integer, Integer> HASHES_PER_SECTOR = new HashMap<>();
    private static int incomingCalls;
    private static int hashCalls;
    private static ConsoleFixtures alice;

    @BeforeAll
    static void start(CassandraEndpoint cassandra) throws Exception {
        Path work = Files.createDirectories(TARGET.resolve("chromium"));
        Optional<ChromiumHeadless> found = ChromiumHeadless.find(work);
        Assumptions.assumeTrue(found.isPresent(), "no Chromium found (install Debian's 'chromium' or set CHROMIUM_BIN)");
        chromium = found.get();
        // The page never takes a token from its URL and Chromium's command line cannot type one, so
        // the page reads as the anonymous loopback tenant (granted every space, like alice).
        server = TestServer.start("console.yml", StoreTuning.PRODUCTION, cassandra,
                ConfigOverride.config("auth.allowAnonymousOnLoopback", "true"));
        api = new Http(server.api());
        alice = new ConsoleFixtures(api, ALICE);
        alice.createSpace(SPACE);
        alice.createSpace(OTHER);
        List<String> ops = new ArrayList<>();
        long discriminator = 0;
        for (int sector = 0; sector < DhtArc.SECTOR_COUNT; sector++) {
            EXPECTED[sector] = opsIn(sector);
            for (int i = 0; i < EXPECTED[sector]; i++) {
                long location = ((long) sector << DhtArc.SECTOR_BITS) + 77 * i;
                ops.add(Base64Url.encode(Ops.memoryOp(location, 16 + i, (sector % 4) * SLICE + i, ++discriminator)));
            }
        }
        int half = ops.size() / 2;
        int before = alice.calls();
        alice.postOps(SPACE, ops.subList(0, half));
        alice.postOps(SPACE, ops.subList(half, ops.size()));
        alice.postOps(OTHER, List.of(Base64Url.encode(Ops.memoryOp(5, 16, 1, 1))));
        incomingCalls = alice.calls() - before;
        before = alice.calls();
        for (int sector = 96; sector < 128; sector++) {
            storeHash(sector, 0);
            storeHash(sector, 1);
        }
        for (int sector = 300; sector <= 310; sector++) {
            storeHash(sector, 0);
        }
        hashCalls = alice.calls() - before;
        // Index reads, so that the fan-out figures have something to show.
        assertThat(api.get("/v1/spaces/" + SPACE + "/time-slice?arc=0..4294967295&start=0&end=" + 4 * SLICE, ALICE).status())
                .isEqualTo(200);
        assertThat(api.get("/v1/spaces/" + SPACE + "/time-slice?arc=" + DhtArc.sector(100) + "&start=0&end=" + SLICE, ALICE).status())
                .isEqualTo(200);
    }

    /** A hot arc (sectors 96..159), a warm one (300..329), and one op in every 8th sector elsewhere. */
    private static int opsIn(int sector) {
        if (sector >= 96 && sector < 160) {
            return 8;
        }
        if (sector >= 300 && sector < 330) {
            return 3;
        }
        return sector % 8 == 0 ? 1 : 0;
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void storeHash(int sector, long index) {
        alice.storeHash(SPACE, DhtArc.sector(sector), index);
        HASHES_PER_SECTOR.merge(sector, 1, Integer::sum);
    }

    private static String pageUrl() {
        return server.api() + "/console/#space=" + SPACE + "&window=all";
    }

    @Test
    void thePageShowsTheRingTheSpacesAndTheLiveFiguresOfWhatWasStored() throws IOException {
        String dom = chromium.dumpDom(pageUrl(), BUDGET_MS);
        Files.writeString(TARGET.resolve("ring-console.html"), dom, StandardCharsets.UTF_8);
        assertThat(attribute(dom, "body", "data-ring-loaded")).as("the ring was drawn (dom in target/ring-console.html)").isEqualTo("all");
        assertThat(attribute(dom, "body", "data-service-loaded")).isEqualTo("true");

        long[] shown = new long[DhtArc.SECTOR_COUNT];
        int drawn = 0;
        for (String sector : tags(dom, "path", "sector")) {
            shown[Integer.parseInt(value(sector, "data-sector"))] = Long.parseLong(value(sector, "data-ops"));
            drawn++;
        }
        assertThat(drawn).isEqualTo(512);
        assertThat(shown).as("ops per sector on the ring").containsExactly(EXPECTED);
        long total = java.util.Arrays.stream(EXPECTED).sum();
        assertThat(attribute(dom, "text", "data-ops", "id=\"ring-total\"")).isEqualTo(Long.toString(total));

        Map<String, String> listed = new HashMap<>();
        for (String row : tags(dom, "tr", null)) {
            if (row.contains("data-space=")) {
                listed.put(value(row, "data-space"), value(row, "data-ops"));
            }
        }
        // ConsoleApiTest's spaces share this keyspace and may be listed too.
        assertThat(listed).containsEntry(SPACE, Long.toString(total)).containsEntry(OTHER, "1");

        Map<Integer, Integer> marks = new HashMap<>();
        for (String mark : tags(dom, "path", "hash-mark")) {
            marks.put(Integer.parseInt(value(mark, "data-sector")), Integer.parseInt(value(mark, "data-hashes")));
        }
        assertThat(marks).as("sectors marked as holding slice hashes").isEqualTo(HASHES_PER_SECTOR);
        Map<String, String> slices = new HashMap<>();
        for (String rect : tags(dom, "rect", null)) {
            if (rect.contains("data-slice=")) {
                slices.put(value(rect, "data-slice"), value(rect, "data-sectors"));
            }
        }
        assertThat(slices).isEqualTo(Map.of("0", "43", "1", "32"));

        Map<String, String> calls = new HashMap<>();
        for (String row : tags(dom, "tr", null)) {
            if (row.contains("data-call=")) {
                calls.put(value(row, "data-call"), value(row, "data-count"));
            }
        }
        assertThat(calls).containsEntry("process_incoming_ops", Integer.toString(incomingCalls))
                .containsEntry("store_slice_hash", Integer.toString(hashCalls));
        assertThat(attribute(dom, "div", "data-healthy", "id=\"cassandra\"")).isEqualTo("true");
        assertThat(dom).contains("data-status=\"2xx\"").contains("data-method=");
    }

    @Test
    void aTokenInTheUrlIsWipedFromItAndNotUsed() throws IOException {
        // bob's token, were it used, would hide the service figures (403) that the anonymous tenant sees.
        String url = server.api() + "/console/?token=bob-token#token=bob-token&space=" + SPACE + "&window=all";
        String dom = chromium.dumpDom(url, BUDGET_MS);
        Files.writeString(TARGET.resolve("ring-console-url-token.html"), dom, StandardCharsets.UTF_8);
        assertThat(attribute(dom, "body", "data-url-token")).isEqualTo("ignored");
        assertThat(attribute(dom, "body", "data-service-loaded")).as("read without bob's token").isEqualTo("true");
        assertThat(attribute(dom, "body", "data-ring-loaded")).as("space and window still come from the fragment")
                .isEqualTo("all");
        assertThat(attribute(dom, "body", "data-location")).as("the address left in history")
                .isEqualTo("/console/#space=" + SPACE + "&amp;window=all");
        assertThat(dom).contains("token in the URL was ignored");
    }

    @Test
    void aScreenshotOfTheConsoleIsSaved() throws IOException {
        Path png = TARGET.resolve("ring-console.png");
        Files.deleteIfExists(png);
        chromium.screenshot(pageUrl(), BUDGET_MS, png, 1500, 1000);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG at " + png).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1500);
        assertThat(image.getHeight()).isEqualTo(1000);
        // The hot arc is drawn in the ring's colours, not left blank: many distinct colours on the page.
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).isGreaterThan(20);
    }

    // ---- reading the dumped DOM: the page writes every figure into data- attributes

    /** The opening tags {@code <name ...>}, those with {@code class="cssClass"} when given. */
    private static List<String> tags(String dom, String name, String cssClass) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile("<" + name + "\\b[^>]*>").matcher(dom);
        while (matcher.find()) {
            String tag = matcher.group();
            if (cssClass == null || tag.contains("class=\"" + cssClass + "\"")) {
                found.add(tag);
            }
        }
        return found;
    }

    private static String value(String tag, String attribute) {
        Matcher matcher = Pattern.compile("\\s" + Pattern.quote(attribute) + "=\"([^\"]*)\"").matcher(tag);
        if (!matcher.find()) {
            throw new AssertionError("no " + attribute + " in " + tag);
        }
        return matcher.group(1);
    }

    private static String attribute(String dom, String name, String attribute) {
        return attribute(dom, name, attribute, "");
    }

    /** The attribute of the first {@code <name>} tag containing {@code marker}, or null. */
    private static String attribute(String dom, String name, String attribute, String marker) {
        for (String tag : tags(dom, name, null)) {
            if (tag.contains(marker) && tag.contains(attribute + "=")) {
                return value(tag, attribute);
            }
        }
        return null;
    }
}
