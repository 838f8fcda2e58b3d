package io.platformlogger.core.patterns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drain's fixed-depth index of templates: the root branches on the token count, each of the next
 * {@code depth - 2} levels on one leading token, and a leaf lists the templates a message reaching
 * it is compared with. A token holding a masked part, or arriving when a level already has {@code
 * maxChildren} branches, takes the {@code <*>} branch; a leaf lists at most {@value
 * #MAX_LEAF_TEMPLATES} templates. Used by {@link TemplateMiner} under its
 * lock only.
 */
final class PrefixTree {
  /**
   * Templates a leaf lists at most; a new one replaces the leaf's least recently used. Bounds the
   * work per message when the leading tokens vary so much that one leaf collects everything
   * (random text): a message is compared with at most this many templates.
   */
  static final int MAX_LEAF_TEMPLATES = 256;

  private final int tokenLevels;
  private final int maxChildren;
  private final Map<Integer, Node> byLength = new HashMap<>();

  PrefixTree(int depth, int maxChildren) {
    this.tokenLevels = depth - 2;
    this.maxChildren = maxChildren;
  }

  /** The leaf for these tokens, created with its path when missing. */
  Node leaf(String[] tokens) {
    Node node = byLength.computeIfAbsent(tokens.length, n -> new Node(null, null));
    int levels = Math.min(tokenLevels, tokens.length);
    for (int i = 0; i < levels; i++) {
      String token = tokens[i];
      node = node.child(TokenMasker.hasVariable(token) ? TokenMasker.WILDCARD : token, maxChildren);
    }
    return node;
  }

  /** Removes the template from its leaves, and leaves and branches left empty. */
  void remove(Template template) {
    for (Node leaf : template.leaves) {
      leaf.templates.remove(template);
      leaf.pruneIfEmpty(byLength);
    }
    template.leaves.clear();
  }

  /** A branch or leaf; {@link #templates} is empty for inner nodes. */
  static final class Node {
    final Node parent;
    final String key;
    final Map<String, Node> children = new HashMap<>();
    final List<Template> templates = new ArrayList<>(2);

    Node(Node parent, String key) {
      this.parent = parent;
      this.key = key;
    }

    Node child(String key, int maxChildren) {
      Node n = children.get(key);
      if (n == null) {
        if (children.size() >= maxChildren && key != TokenMasker.WILDCARD) {
          return child(TokenMasker.WILDCARD, Integer.MAX_VALUE);
        }
        n = new Node(this, key);
        children.put(key, n);
      }
      return n;
    }

    void pruneIfEmpty(Map<Integer, Node> byLength) {
      Node n = this;
      while (n.templates.isEmpty() && n.children.isEmpty()) {
        if (n.parent == null) {
          byLength.values().remove(n);
          return;
        }
        n.parent.children.remove(n.key);
        n = n.parent;
      }
    }
  }
}
