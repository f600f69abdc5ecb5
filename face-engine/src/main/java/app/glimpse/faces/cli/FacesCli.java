package app.glimpse.faces.cli;

import app.glimpse.faces.FaceEngine;
import app.glimpse.faces.FaceEngineConfig;
import app.glimpse.faces.FaceEngineConfig.DetectorKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command line entry for {@code ./glimpse eval faces}, {@code ./glimpse eval search} ({@link
 * SearchEval}) and {@code ./glimpse bench faces}.
 *
 * <p>Options: {@code --photos DIR|N}, {@code --identities TSV}, {@code --pairs TSV}, {@code --truth
 * TSV}, {@code --threshold T}, {@code --events N}, {@code --events-out DIR}, {@code --events-seed
 * N}, {@code --strangers DIR} (eval), {@code --detector FILE} with {@code --detector-kind
 * ultraface|blazeface|yunet}, {@code --threads N}, {@code --out DIR}. Every other setting comes
 * from {@code glimpse.faces.*} system properties or {@code GLIMPSE_FACES_*} variables. Each command
 * ends with one {@code key=value} summary line.
 */
public final class FacesCli {
  private FacesCli() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2
        || !(args[1].equals("faces") || (args[0].equals("eval") && args[1].equals("search")))) {
      usage();
      return;
    }
    Map<String, String> options = options(args);
    FaceEngineConfig config = FaceEngineConfig.fromEnvironment();
    if (options.containsKey("detector") || options.containsKey("detector-kind")) {
      String kind = options.getOrDefault("detector-kind", "");
      Path model = options.containsKey("detector") ? Path.of(options.get("detector")) : null;
      DetectorKind detectorKind =
          !kind.isEmpty()
              ? DetectorKind.valueOf(kind.toUpperCase(Locale.ROOT))
              : model.getFileName().toString().contains("yunet")
                  ? DetectorKind.YUNET
                  : DetectorKind.BLAZEFACE;
      config = config.withDetector(detectorKind, model);
    }
    try (FaceEngine engine = FaceEngine.create(config)) {
      switch (args[0]) {
        case "eval" -> {
          if (args[1].equals("search")) {
            new SearchEval(engine, options).run();
          } else {
            new FacesEval(engine, options).run();
          }
        }
        case "bench" -> new FacesBench(engine, options).run();
        default -> usage();
      }
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    List<String> rest = new ArrayList<>(List.of(args).subList(2, args.length));
    for (int i = 0; i < rest.size(); i++) {
      String arg = rest.get(i);
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + arg);
      }
      String key = arg.substring(2);
      int eq = key.indexOf('=');
      if (eq > 0) {
        options.put(key.substring(0, eq), key.substring(eq + 1));
      } else if (i + 1 < rest.size()) {
        options.put(key, rest.get(++i));
      } else {
        throw new IllegalArgumentException(arg + " needs a value");
      }
    }
    return options;
  }

  private static void usage() {
    System.err.println(
        """
        usage: FacesCli eval faces --photos DIR [--identities TSV] [--pairs TSV] [--truth TSV]
                 [--threshold 0.43] [--events 48] [--events-out DIR] [--events-seed N] [--strangers DIR]
               FacesCli eval search [--photos DIR] [--groups DIR] [--out DIR] [--seed N]
                 [--threshold 0.43] [--folds 4] [--expand true|false] [--confident 0.55]
                 [--expansion-faces 8]
               FacesCli bench faces [--photos N] [--threads N] [--out DIR]
        common: [--detector FILE] [--detector-kind ultraface|blazeface|yunet]\
        """);
    System.exit(2);
  }
}
