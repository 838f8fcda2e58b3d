package io.platformlogger.redis;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which entries a {@link LogTail} delivers: any of the given levels, services and tenants, and a
 * regular expression found in the message. An empty set or a null pattern matches everything.
 * Immutable and thread-safe.
 */
public final class TailFilter {
  private static final TailFilter ALL = builder().build();

  private final Set<Level> levels;
  private final Set<String> services;
  private final Set<String> tenants;
  private final Pattern grep;

  private TailFilter(Builder b) {
    this.levels = b.levels.isEmpty() ? Set.of() : Set.copyOf(b.levels);
    this.services = Set.copyOf(b.services);
    this.tenants = Set.copyOf(b.tenants);
    this.grep = b.grep;
  }

  /** Matches every entry. */
  public static TailFilter all() {
    return ALL;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Cheap test on the stream message's flat fields, before the JSON is decoded. */
  boolean matchesFlat(String level, String service, String tenant) {
    if (!levels.isEmpty()) {
      Level l;
      try {
        l = Level.parse(level);
      } catch (IllegalArgumentException e) {
        return false;
      }
      if (!levels.contains(l)) {
        return false;
      }
    }
    return (services.isEmpty() || services.contains(service))
        && (tenants.isEmpty() || tenants.contains(tenant));
  }

  /** The full test on a decoded entry. */
  public boolean matches(LogEntry e) {
    return (levels.isEmpty() || levels.contains(e.level()))
        && (services.isEmpty() || services.contains(e.service()))
        && (tenants.isEmpty() || tenants.contains(e.tenantId()))
        && (grep == null || grep.matcher(e.message()).find());
  }

  /** Builds a {@link TailFilter}; not thread-safe. */
  public static final class Builder {
    private final Set<Level> levels = EnumSet.noneOf(Level.class);
    private final Set<String> services = new LinkedHashSet<>();
    private final Set<String> tenants = new LinkedHashSet<>();
    private Pattern grep;

    private Builder() {}

    public Builder levels(Collection<Level> levels) {
      this.levels.addAll(levels);
      return this;
    }

    public Builder services(Collection<String> services) {
      services.forEach(s -> this.services.add(Objects.requireNonNull(s, "service")));
      return this;
    }

    public Builder tenants(Collection<String> tenants) {
      tenants.forEach(t -> this.tenants.add(Objects.requireNonNull(t, "tenant")));
      return this;
    }

    /** Entries whose message contains a match of this pattern ({@link java.util.regex.Matcher#find}). */
    public Builder grep(Pattern pattern) {
      this.grep = pattern;
      return this;
    }

    public TailFilter build() {
      return new TailFilter(this);
    }
  }
}
