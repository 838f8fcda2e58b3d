package io.platformlogger.loki;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The test stand-in refuses what Loki documents it refuses, so the sink tests mean something:
 * each request here breaks one rule and must get Loki's answer.
 */
class LokiReceiverRulesTest {
  @RegisterExtension static final LokiReceiver loki = new LokiReceiver();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> push(String json) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(loki.url() + "/loki/api/v1/push"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String now() {
    Instant t = Instant.now();
    return Long.toString(t.getEpochSecond() * 1_000_000_000L + t.getNano());
  }

  private static String stream(String labels, String values) {
    return "{\"streams\":[{\"stream\":" + labels + ",\"values\":[" + values + "]}]}";
  }

  @Test
  void aValidPushIsAnswered204AndStored() throws Exception {
    HttpResponse<String> r = push(stream("{\"service_name\":\"a\"}", "[\"" + now() + "\",\"line\",{\"trace_id\":\"t\"}]"));
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(loki.stored()).singleElement().satisfies(s -> assertThat(s.metadata()).containsEntry("trace_id", "t"));
  }

  @Test
  void invalidLabelNamesTooManyLabelsAndMissingLabelsAre400() throws Exception {
    assertThat(push(stream("{\"service-name\":\"a\"}", "[\"" + now() + "\",\"l\"]")).body()).contains("invalid_labels");
    assertThat(push(stream("{\"__name__\":\"a\"}", "[\"" + now() + "\",\"l\"]")).statusCode()).isEqualTo(400);
    assertThat(push(stream("{}", "[\"" + now() + "\",\"l\"]")).body()).contains("at least one label pair");
    StringBuilder many = new StringBuilder("{");
    for (int i = 0; i < 16; i++) {
      many.append(i == 0 ? "" : ",").append("\"l").append(i).append("\":\"v\"");
    }
    assertThat(push(stream(many + "}", "[\"" + now() + "\",\"l\"]")).body()).contains("max_label_names_per_series");
    assertThat(push(stream("{\"a\":\"" + "v".repeat(2049) + "\"}", "[\"" + now() + "\",\"l\"]")).body())
        .contains("label_value_too_long");
    assertThat(push(stream("{\"a\":\"1\",\"a\":\"2\"}", "[\"" + now() + "\",\"l\"]")).statusCode()).isEqualTo(400);
    assertThat(loki.stored()).isEmpty();
  }

  @Test
  void structuredMetadataMustBeStrings() throws Exception {
    HttpResponse<String> r = push(stream("{\"a\":\"b\"}", "[\"" + now() + "\",\"l\",{\"n\":1}]"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("must be a string");
  }

  @Test
  void tooLongTooOldTooNewAndOutOfOrderEntriesAreRefusedAndTheRestStored() throws Exception {
    long t = Long.parseLong(now());
    String values = String.join(",",
        "[\"" + (t - 2) + "\",\"ok-1\"]",
        "[\"" + (t - 1) + "\",\"" + "x".repeat(256_001) + "\"]",
        "[\"" + (t - 8L * 24 * 3600 * 1_000_000_000L) + "\",\"old\"]",
        "[\"" + (t + 11L * 60 * 1_000_000_000L) + "\",\"new\"]",
        "[\"" + t + "\",\"ok-2\"]",
        "[\"" + (t - 5) + "\",\"behind\"]");
    HttpResponse<String> r = push(stream("{\"a\":\"b\"}", values));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("line_too_long", "greater_than_max_sample_age", "too_far_in_future", "out_of_order");
    assertThat(loki.stored()).extracting(LokiReceiver.Stored::line).containsExactly("ok-1", "ok-2");
  }

  @Test
  void anIdenticalLineAtTheSameTimestampIsKeptOnce() throws Exception {
    String body = stream("{\"a\":\"b\"}", "[\"" + now() + "\",\"same\"]");
    push(body);
    assertThat(push(body).statusCode()).isEqualTo(204);
    assertThat(loki.stored()).hasSize(1);
  }
}
