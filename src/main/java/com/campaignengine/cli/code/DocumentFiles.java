package com.campaignengine.cli.code;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads one YAML or JSON document (by the file's extension: {@code .json} is JSON, anything else
 * YAML) into a tree, noting the line of every field as it goes. A syntax error, a key given twice
 * or a second document is a {@link FileProblem} naming the file, line and column.
 */
public final class DocumentFiles {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final ObjectMapper YAML = YAMLMapper.builder().build();

  private DocumentFiles() {}

  public static LocatedDocument read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new FileProblem(file + ": no such file");
    } catch (IOException e) {
      throw new FileProblem(file + ": cannot be read: " + e.getMessage());
    }
    return read(file, text);
  }

  static LocatedDocument read(Path file, String text) {
    JsonFactory factory = isJson(file) ? JSON.getFactory() : YAML.getFactory();
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = factory.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new FileProblem(
            file.getFileName() + ":1: the file must hold one object (a campaign's fields)");
      }
      ObjectNode root = (ObjectNode) node(parser, "", lines, file);
      if (parser.nextToken() != null) {
        throw new FileProblem(
            at(file, parser.currentTokenLocation()) + "only one document per file, please");
      }
      return new LocatedDocument(file, root, Map.copyOf(lines));
    } catch (JsonProcessingException e) {
      throw new FileProblem(at(file, e.getLocation()) + "syntax error: " + problem(e));
    } catch (IOException e) {
      throw new FileProblem(file + ": cannot be read: " + e.getMessage());
    }
  }

  /** The value at the parser's current token, recording {@code path}'s line. */
  private static JsonNode node(
      JsonParser parser, String path, Map<String, Integer> lines, Path file) throws IOException {
    lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
    switch (parser.currentToken()) {
      case START_OBJECT -> {
        ObjectNode object = JSON.createObjectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          String child = path.isEmpty() ? name : path + "." + name;
          if (object.has(name)) {
            throw new FileProblem(
                at(file, parser.currentTokenLocation()) + "'" + child + "' is given twice");
          }
          lines.put(child, parser.currentTokenLocation().getLineNr());
          parser.nextToken();
          object.set(name, node(parser, child, lines, file));
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = JSON.createArrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(node(parser, path + "[" + array.size() + "]", lines, file));
        }
        return array;
      }
      default -> {
        return JSON.readTree(parser);
      }
    }
  }

  private static boolean isJson(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
  }

  private static String at(Path file, JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return file.getFileName() + ": ";
    }
    return file.getFileName()
        + ":"
        + location.getLineNr()
        + (location.getColumnNr() > 0 ? ":" + location.getColumnNr() : "")
        + ": ";
  }

  /**
   * The parser's complaint without its quoted context: SnakeYAML's messages interleave indented
   * snippets ({@code in 'reader', line 2 …}) with the lines that say what is wrong.
   */
  private static String problem(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
    String said =
        message
            .lines()
            .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
            .collect(Collectors.joining("; "));
    return said.isEmpty() ? message.strip() : said;
  }
}
