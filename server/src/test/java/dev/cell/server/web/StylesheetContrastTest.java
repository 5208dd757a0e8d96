package dev.cell.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** WCAG 2.2 SC 1.4.11 (non-text contrast): the border of a text field stands out at 3:1 or more from the card behind it. */
class StylesheetContrastTest {
    static String css() throws Exception {
        try (InputStream in = StylesheetContrastTest.class.getResourceAsStream("/static/cell.css")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String color(String css, String rule, String property) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(rule) + "\\{[^}]*?" + property + ":[^;}]*?#([0-9a-fA-F]{3,6})").matcher(css);
        assertThat(m.find()).as(rule + " " + property).isTrue();
        String hex = m.group(1);
        return hex.length() == 3 ? hex.replaceAll("(.)", "$1$1") : hex;
    }

    /** Relative luminance (WCAG 2.2, definition of relative luminance). */
    static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16) / 255.0;
            c[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    @Test
    void theFormulaMatchesWcagsExtremes() {
        assertThat(contrast("000000", "ffffff")).isEqualTo(21.0);
        assertThat(contrast("777777", "777777")).isEqualTo(1.0);
    }

    @Test
    void inputBordersHaveAtLeastThreeToOneAgainstTheCard() throws Exception {
        String css = css();
        String border = color(css, "input", "border");
        assertThat(contrast(border, color(css, ".card", "background"))).isGreaterThanOrEqualTo(3.0);
    }
}
