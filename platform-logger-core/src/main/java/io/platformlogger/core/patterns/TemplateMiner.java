package io.platformlogger.core.patterns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * Finds the templates of log messages: {@code Failed password for root from 10.0.0.1 port 22 ssh2}
 * and {@code Failed password for admin from 10.0.0.9 port 4711 ssh2} both belong to {@code Failed
 * password for <*> from <*> port <*>} ({@code ssh2} holds a digit, so it is masked and joins the
 * port's run of variables). Used to group errors as a person would see them and to
 * show the patterns of any query.
 *
 * <p>The method is Drain (He et al., ICWS 2017) with three changes. Each message is first masked
 * token by token ({@link TokenMasker}): a piece of a token with a digit is a variable, so ids and
 * numbers never split a group, and a run of variables has one shape whatever its length. A message
 * then walks a fixed-depth prefix tree (token count, then the leading tokens) to a leaf and joins
 * the leaf's most similar template when at least {@link MinerSettings#similarity} of the
 * template's positions match (a {@code <*>} matches anything), turning the positions that differ
 * into {@code <*>}; otherwise it starts a new template. Finally {@link #consolidate()} merges
 * templates that differ in one position only when {@link MinerSettings#mergeMinValues} or more of
 * them do: that position is a variable written without digits (a user or host name at the start
 * of the message, which a plain Drain tree would never bring together), while two or three
 * templates differing in one word are kept apart ({@code Accepted password} / {@code Failed
 * password}). docs/patterns.md gives the measured grouping accuracy.
 *
 * <p>Deterministic: the same messages in the same order give the same templates. Memory is
 * bounded by {@link MinerSettings#maxClusters} templates (least recently used dropped first) of at
 * most {@link MinerSettings#maxTokens} tokens from at most 1 000 characters each. Thread-safe: any
 * thread may add (calls are serialized) while others read {@link Template} handles and {@link
 * #templates()} snapshots.
 */
public final class TemplateMiner {
  /** The placeholder for a varying part of a message. */
  public static final String WILDCARD = TokenMasker.WILDCARD;

  private final MinerSettings settings;

  /** Index from a message's shape to the templates it is compared with; guarded by this. */
  private final PrefixTree tree;

  /** Every live template, least recently used first; guarded by this. */
  private final LinkedHashMap<Template, Boolean> live = new LinkedHashMap<>(64, 0.75f, true);

  /** Id of the next template; guarded by this. */
  private long nextId;

  /** Counts adds, for {@link Template#lastUsed}; guarded by this. */
  private long clock;

  /** A miner with {@link MinerSettings#DEFAULTS}. */
  public TemplateMiner() {
    this(MinerSettings.DEFAULTS);
  }

  /** A miner with these settings (see {@link MinerSettings#DEFAULTS} for why there is one set). */
  public TemplateMiner(MinerSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.tree = new PrefixTree(settings.depth(), settings.maxChildren());
  }

  /**
   * The template of each message once all of them are seen, in order: equal strings mean the same
   * group. Uses {@link MinerSettings#DEFAULTS}.
   */
  public static List<String> templatesOf(List<String> messages) {
    return templatesOf(messages, MinerSettings.DEFAULTS);
  }

  /** {@link #templatesOf(List)} with other settings (for measuring; the defaults are the product). */
  public static List<String> templatesOf(List<String> messages, MinerSettings settings) {
    TemplateMiner miner = new TemplateMiner(settings);
    List<Template> handles = new ArrayList<>(messages.size());
    for (String message : messages) {
      handles.add(miner.add(message));
    }
    miner.consolidate();
    List<String> out = new ArrayList<>(handles.size());
    for (Template t : handles) {
      out.add(t.text());
    }
    return out;
  }

  public MinerSettings settings() {
    return settings;
  }

  /**
   * Adds one message (null counts as empty) and returns its template. The handle's text may widen
   * as later messages join, and follows merges. Never throws for any input.
   */
  public synchronized Template add(String message) {
    String[] tokens = TokenMasker.tokens(message, settings.maxTokens());
    PrefixTree.Node leaf = tree.leaf(tokens);
    Template best = mostSimilar(leaf.templates, tokens);
    if (best != null) {
      widen(best, tokens);
      best.joined(1);
      best.lastUsed = ++clock;
      live.get(best); // touch: most recently used
      return best;
    }
    if (leaf.templates.size() >= PrefixTree.MAX_LEAF_TEMPLATES) {
      drop(leastRecentlyUsed(leaf.templates));
    }
    Template created = new Template(nextId++, tokens);
    created.lastUsed = ++clock;
    created.leaves.add(leaf);
    leaf.templates.add(created);
    live.put(created, Boolean.TRUE);
    if (live.size() > settings.maxClusters()) {
      drop(live.keySet().iterator().next());
    }
    return created;
  }

  /**
   * Merges templates that differ in one position only when {@link MinerSettings#mergeMinValues} or
   * more of them do, and templates that became equal. {@link #templatesOf} calls it once at the
   * end; a streaming caller may call it from time to time (cost: linear in templates × tokens).
   */
  public synchronized void consolidate() {
    new TemplateMerger(settings.mergeMinValues()).merge(live.keySet(), this::absorb);
    live.keySet().removeIf(Template::isMerged);
  }

  /** Snapshot of the live templates, most messages first (ties: older first). */
  public synchronized List<Template> templates() {
    List<Template> out = new ArrayList<>(live.keySet());
    out.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : Long.compare(a.id, b.id));
    return out;
  }

  /** Number of live templates (never more than {@link MinerSettings#maxClusters}). */
  public synchronized int size() {
    return live.size();
  }

  private void drop(Template t) {
    live.remove(t);
    tree.remove(t);
  }

  private static Template leastRecentlyUsed(List<Template> templates) {
    Template lru = templates.get(0);
    for (Template t : templates) {
      if (t.lastUsed < lru.lastUsed) {
        lru = t;
      }
    }
    return lru;
  }

  /**
   * The template of the leaf most similar to the tokens, or null when none reaches the threshold.
   * Ties go to the template with more {@code <*>}, then to the earlier one.
   */
  private Template mostSimilar(List<Template> candidates, String[] tokens) {
    Template best = null;
    int bestMatched = -1;
    int bestWild = -1;
    int n = tokens.length;
    // matched / n >= similarity, in integers to avoid rounding differences between runs
    int needed = (int) Math.ceil(settings.similarity() * n - 1e-9);
    int allowedMisses = n - needed;
    for (Template t : candidates) {
      int matched = 0;
      int wild = 0;
      int misses = 0;
      String[] have = t.tokens;
      for (int i = 0; i < n && misses <= allowedMisses; i++) {
        if (have[i] == WILDCARD) {
          wild++;
        } else if (have[i].equals(tokens[i])) {
          matched++;
        } else {
          misses++;
        }
      }
      if (misses > allowedMisses) {
        continue; // cannot reach the threshold, so cannot be the answer
      }
      matched += wild;
      if (matched > bestMatched || (matched == bestMatched && wild > bestWild)) {
        best = t;
        bestMatched = matched;
        bestWild = wild;
      }
    }
    return best != null && bestMatched >= needed ? best : null;
  }

  /** Turns every position where the template and the tokens differ into {@code <*>}. */
  private static void widen(Template t, String[] tokens) {
    boolean changed = false;
    for (int i = 0; i < tokens.length; i++) {
      if (t.tokens[i] != WILDCARD && !t.tokens[i].equals(tokens[i])) {
        t.tokens[i] = WILDCARD;
        changed = true;
      }
    }
    if (changed) {
      t.refreshText();
    }
  }

  /** Merges {@code source} into {@code target} (same token count): called by the merger. */
  private void absorb(Template target, Template source) {
    widen(target, source.tokens);
    for (PrefixTree.Node leaf : source.leaves) {
      if (!target.leaves.contains(leaf)) {
        target.leaves.add(leaf);
        leaf.templates.add(target);
      }
    }
    tree.remove(source);
    source.mergeInto(target);
  }
}
