// Where a server's CPU went, from a JFR recording: run with `java scripts/JfrBreakdown.java recording.jfr [top]`.
// Prints three views of the execution samples (jdk.ExecutionSample, and jdk.CPUTimeSample when the recording has
// them, which count CPU time rather than wall-clock presence):
//   1. self time by library: the package family of each sample's top frame (where the CPU actually was);
//   2. inclusive time by stage: the share of samples that have a frame of each stage anywhere on the stack (one
//      sample can be in several: a Jackson call inside Coffer's ledger counts for both);
//   3. the hottest methods by self time;
//   4. with a third argument (a frame prefix such as io.micrometer.): who calls into it, i.e. the outermost frame
//      of that prefix on each sample's stack with its caller, to find which use of a library costs what.
// Used by scripts/bench-profile.sh; kept outside src/ because it is a measuring tool, not part of the server.
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

public class JfrBreakdown {

  /** Package prefix → library name, first match wins (more specific prefixes first). */
  static final Map<String, String> LIBRARIES = new LinkedHashMap<>();

  /** Stage name → frame prefixes that put a sample in that stage. */
  static final Map<String, List<String>> STAGES = new LinkedHashMap<>();

  static {
    LIBRARIES.put("dev.coffer.", "Coffer");
    LIBRARIES.put("org.postgresql.", "PostgreSQL JDBC driver");
    LIBRARIES.put("com.zaxxer.hikari.", "HikariCP");
    LIBRARIES.put("tools.jackson.", "Jackson");
    LIBRARIES.put("com.fasterxml.jackson.", "Jackson");
    LIBRARIES.put("org.springframework.security.", "Spring Security");
    LIBRARIES.put("org.springframework.jdbc.", "Spring JDBC");
    LIBRARIES.put("org.springframework.web.", "Spring MVC");
    LIBRARIES.put("org.springframework.", "Spring (other)");
    LIBRARIES.put("org.apache.catalina.", "Tomcat");
    LIBRARIES.put("org.apache.coyote.", "Tomcat");
    LIBRARIES.put("org.apache.tomcat.", "Tomcat");
    LIBRARIES.put("io.micrometer.", "Micrometer");
    LIBRARIES.put("ch.qos.logback.", "Logging");
    LIBRARIES.put("org.slf4j.", "Logging");
    LIBRARIES.put("org.hibernate.validator.", "Bean validation");
    LIBRARIES.put("org.bouncycastle.", "Bouncy Castle");
    LIBRARIES.put("java.util.regex.", "JDK regex");
    LIBRARIES.put("java.util.concurrent.", "JDK concurrency");
    LIBRARIES.put("sun.nio.", "JDK I/O");
    LIBRARIES.put("java.nio.", "JDK I/O");
    LIBRARIES.put("sun.security.", "JDK crypto");
    LIBRARIES.put("javax.crypto.", "JDK crypto");
    LIBRARIES.put("com.sun.crypto.", "JDK crypto");
    LIBRARIES.put("java.", "JDK (other)");
    LIBRARIES.put("jdk.", "JDK (other)");
    LIBRARIES.put("sun.", "JDK (other)");

    // Filters wrap everything after them (a filter's frame is on the stack for the whole rest of the request),
    // so the stages below name the work itself, not the filter that happens to call it.
    STAGES.put("Bearer token → principal (the credential lookup)", List.of(
        "dev.coffer.identity.session.TokenAuthenticator.authenticate",
        "dev.coffer.payments.apikey.ApiKeyAuthenticator.authenticate",
        "dev.coffer.identity.oauth.AppTokenAuthenticator.authenticate"));
    STAGES.put("Spring MVC: dispatch, the handler and everything under it",
        List.of("org.springframework.web.servlet.DispatcherServlet.doDispatch"));
    STAGES.put("JSON read/write (Jackson)", List.of("tools.jackson.", "com.fasterxml.jackson."));
    STAGES.put("Bean validation", List.of("org.hibernate.validator."));
    STAGES.put("Idempotency store", List.of("dev.coffer.platform.idempotency."));
    STAGES.put("Ledger (Coffer)", List.of("dev.coffer.ledger."));
    STAGES.put("Identity (Coffer)", List.of("dev.coffer.identity."));
    STAGES.put("Audit log (Coffer)", List.of("dev.coffer.audit."));
    STAGES.put("JDBC driver (talking to PostgreSQL)", List.of("org.postgresql."));
    STAGES.put("Connection pool (Hikari)", List.of("com.zaxxer.hikari."));
    STAGES.put("Argon2 hashing", List.of("org.bouncycastle.crypto.generators.Argon2",
        "org.springframework.security.crypto.argon2."));
    STAGES.put("Logging", List.of("ch.qos.logback.", "org.slf4j."));
    STAGES.put("GC / JIT / VM (no Java frame)", List.of());
  }

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    String entryPrefix = args.length > 2 ? args[2] : null;
    for (String eventName : List.of("jdk.CPUTimeSample", "jdk.ExecutionSample")) {
      List<RecordedEvent> samples = new ArrayList<>();
      for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
        if (event.getEventType().getName().equals(eventName)) {
          samples.add(event);
        }
      }
      if (!samples.isEmpty()) {
        report(eventName, samples, top);
        if (entryPrefix != null) {
          entries(samples, entryPrefix, top);
        }
      }
    }
  }

  static void report(String eventName, List<RecordedEvent> samples, int top) {
    Map<String, Integer> byLibrary = new HashMap<>();
    Map<String, Integer> byStage = new LinkedHashMap<>();
    Map<String, Integer> byMethod = new HashMap<>();
    STAGES.keySet().forEach(stage -> byStage.put(stage, 0));
    for (RecordedEvent sample : samples) {
      List<RecordedFrame> frames = sample.getStackTrace() == null ? List.of() : sample.getStackTrace().getFrames();
      if (frames.isEmpty()) {
        byStage.merge("GC / JIT / VM (no Java frame)", 1, Integer::sum);
        continue;
      }
      String topMethod = name(frames.get(0));
      byMethod.merge(topMethod, 1, Integer::sum);
      byLibrary.merge(library(topMethod), 1, Integer::sum);
      for (Map.Entry<String, List<String>> stage : STAGES.entrySet()) {
        if (!stage.getValue().isEmpty() && frames.stream().map(JfrBreakdown::name).anyMatch(
            frame -> stage.getValue().stream().anyMatch(frame::startsWith))) {
          byStage.merge(stage.getKey(), 1, Integer::sum);
        }
      }
    }
    int total = samples.size();
    System.out.printf("== %s: %,d samples%n", eventName, total);
    System.out.println("-- self time by library (top frame)");
    print(byLibrary, total, top);
    System.out.println("-- inclusive time by stage (a frame of it anywhere on the stack)");
    byStage.forEach((stage, count) -> System.out.printf("  %5.1f %%  %s%n", 100.0 * count / total, stage));
    System.out.println("-- hottest methods (self)");
    print(byMethod, total, top);
  }

  static void entries(List<RecordedEvent> samples, String prefix, int top) {
    Map<String, Integer> byEntry = new HashMap<>();
    for (RecordedEvent sample : samples) {
      List<RecordedFrame> frames = sample.getStackTrace() == null ? List.of() : sample.getStackTrace().getFrames();
      for (int i = frames.size() - 1; i >= 0; i--) {  // from the outermost frame inwards
        if (name(frames.get(i)).startsWith(prefix)) {
          String caller = i + 1 < frames.size() ? name(frames.get(i + 1)) : "(thread root)";
          byEntry.merge(name(frames.get(i)) + "  ← " + caller, 1, Integer::sum);
          break;
        }
      }
    }
    System.out.printf("-- entries into %s (share of all samples)%n", prefix);
    print(byEntry, samples.size(), top);
  }

  static void print(Map<String, Integer> counts, int total, int top) {
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(e -> System.out.printf("  %5.1f %%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
  }

  static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  static String library(String method) {
    return LIBRARIES.entrySet().stream()
        .filter(e -> method.startsWith(e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(method.substring(0, Math.max(0, method.lastIndexOf('.'))));
  }
}
