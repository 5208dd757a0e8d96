package dev.cell.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scopes.descriptions-file: each scope described in both page languages, every mistake named. */
class ScopeDescriptionsFileTest {
    @TempDir
    Path dir;

    CellConfig load(String yaml) throws Exception {
        Path file = dir.resolve("scopes.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader().load(null, Map.of(), Map.of("scopes.descriptions-file", file.toString()));
    }

    @Test
    void unsetMeansNoDescriptions() {
        assertThat(new ConfigLoader().load(null, Map.of(), Map.of()).scopeDescriptions()).isEmpty();
    }

    @Test
    void descriptionsAreReadInBothLanguages() throws Exception {
        CellConfig c = load("""
                notes.read:
                  en: Read your notes.
                  zh-CN: 读取你的笔记。
                """);
        CellConfig.ScopeDescription d = c.scopeDescriptions().get("notes.read");
        assertThat(d.in("en")).isEqualTo("Read your notes.");
        assertThat(d.in("zh-CN")).isEqualTo("读取你的笔记。");
    }

    @Test
    void configuredDescriptionsWinOverAddedOnes() throws Exception {
        CellConfig c = load("notes.read: {en: Mine, zh-CN: 我的}\n").withScopeDescriptions(Map.of(
                "notes.read", new CellConfig.ScopeDescription("Demo", "演示"), "notes.write", new CellConfig.ScopeDescription("W", "写")));
        assertThat(c.scopeDescriptions().get("notes.read").en()).isEqualTo("Mine");
        assertThat(c.scopeDescriptions().get("notes.write").zhCn()).isEqualTo("写");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> load("notes.read: {en: Only English}\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("scopes.descriptions-file").hasMessageContaining("notes.read").hasMessageContaining("en and zh-CN");
        assertThatThrownBy(() -> load("notes.read: {en: A, fr: B}\n")).hasMessageContaining("zh-CN must be a text");
        assertThatThrownBy(() -> load("- notes.read\n")).hasMessageContaining("expected a mapping");
        assertThatThrownBy(() -> load("a: [\n")).hasMessageContaining("not valid YAML");
    }
}
