import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Two builds of the platform-logger caller-cost jar side by side in one JVM (each in its own class
 * loader), rounds alternating between them (and which goes first), so load that comes and goes on
 * a shared machine hits both alike; prints each build's median CPU ns per operation and the median
 * of the per-round ratios (new / old). For changes to the JSON encoding or to entry building:
 *
 * <pre>
 * java benchmarks/caller-cost/SideBySide.java json old.jar new.jar [rounds] [ops per round]
 * java benchmarks/caller-cost/SideBySide.java entry-build old.jar new.jar [rounds] [ops per round]
 * </pre>
 *
 * The jars are benchmarks/caller-cost/platform-logger/target/benchmarks.jar of each build. json
 * runs JsonEncodeCost's cases; entry-build runs EntryBuildCost (redaction off) through
 * EntryBuildRatio's timer, found in the benchmarks' package or, in builds before issue 19, in
 * core's pipeline package.
 */
public class SideBySide {
  public static void main(String[] a) throws Exception {
    boolean json = a[0].equals("json");
    int rounds = a.length > 3 ? Integer.parseInt(a[3]) : 60;
    int n = a.length > 4 ? Integer.parseInt(a[4]) : json ? 40_000 : 20_000;
    Method[] time = new Method[2];
    Object[] state = new Object[2];
    for (int k = 0; k < 2; k++) {
      ClassLoader l = new URLClassLoader(new URL[] {Path.of(a[k + 1]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      Thread.currentThread().setContextClassLoader(l);
      if (json) {
        Class<?> c = Class.forName("io.platformlogger.benchmarks.callercost.platform.JsonEncodeCost", true, l);
        state[k] = c.getMethod("setUp").invoke(null);
        time[k] = c.getMethod("time", Object.class, int.class, int.class);
      } else {
        String pkg = "io.platformlogger.benchmarks.callercost.platform";
        Class<?> c;
        try {
          c = Class.forName(pkg + ".EntryBuildCost", true, l);
        } catch (ClassNotFoundException e) {
          pkg = "io.platformlogger.core.pipeline";
          c = Class.forName(pkg + ".EntryBuildCost", true, l);
        }
        Object b = c.getConstructor().newInstance();
        c.getField("redaction").set(b, "off");
        c.getMethod("setUp").invoke(b);
        state[k] = b;
        time[k] = Class.forName(pkg + ".EntryBuildRatio", true, l).getDeclaredMethod("time", c, String.class, int.class);
        time[k].setAccessible(true);
      }
    }
    Object[] cases = json ? new Object[] {0, 1, 2} : new Object[] {"typical", "longText", "withSecrets"};
    String[] names = json ? new String[] {"encode-pipeline-entry", "encode-hand-built", "decode"} : new String[] {"typical", "longText", "withSecrets"};
    for (int c = 0; c < cases.length; c++) {
      for (int w = 0; w < 10; w++) {
        for (int k = 0; k < 2; k++) {
          time[k].invoke(null, state[k], cases[c], n);
        }
      }
      double[][] ns = new double[2][rounds];
      double[] ratio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < 2; i++) {
          int k = r % 2 == 0 ? i : 1 - i;
          ns[k][r] = (double) time[k].invoke(null, state[k], cases[c], n);
        }
        ratio[r] = ns[1][r] / ns[0][r];
      }
      System.out.printf("[%s] %-22s old %7.1f ns  new %7.1f ns  new/old %.3f (median of %d rounds; quartiles %.3f-%.3f)%n",
          a[0], names[c], q(ns[0], .5), q(ns[1], .5), q(ratio, .5), rounds, q(ratio, .25), q(ratio, .75));
    }
  }

  private static double q(double[] v, double p) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[(int) Math.round(p * (s.length - 1))];
  }
}
