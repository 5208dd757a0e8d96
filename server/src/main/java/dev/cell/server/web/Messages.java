package dev.cell.server.web;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Page texts in English or Simplified Chinese, chosen by {@code ui_locales} then {@code Accept-Language} (OIDC Core §3.1.2.1). */
public final class Messages {
    private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    private static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, CHINESE);

    private final Locale locale;
    private final ResourceBundle bundle;

    private Messages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("i18n.messages", locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /**
     * @param uiLocales the request's {@code ui_locales} (space-separated BCP 47 tags), or null
     * @param acceptLanguage the {@code Accept-Language} header, or null
     */
    public static Messages choose(String uiLocales, String acceptLanguage) {
        if (uiLocales != null) {
            for (String tag : uiLocales.trim().split(" +")) {
                Locale match = match(Locale.forLanguageTag(tag));
                if (match != null) {
                    return new Messages(match);
                }
            }
        }
        if (acceptLanguage != null) {
            try {
                Locale best = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
                if (best != null) {
                    return new Messages(best);
                }
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    Locale match = match(Locale.forLanguageTag(range.getRange()));
                    if (match != null) {
                        return new Messages(match);
                    }
                }
            } catch (IllegalArgumentException e) {
                return new Messages(Locale.ENGLISH);
            }
        }
        return new Messages(Locale.ENGLISH);
    }

    private static Locale match(Locale requested) {
        String lang = requested.getLanguage();
        if (lang.equals("zh")) {
            String script = requested.getScript();
            String country = requested.getCountry();
            boolean traditional = script.equals("Hant") || country.equals("TW") || country.equals("HK") || country.equals("MO");
            return traditional ? null : CHINESE;
        }
        return lang.equals("en") ? Locale.ENGLISH : null;
    }

    public String languageTag() {
        return locale.equals(CHINESE) ? "zh-CN" : "en";
    }

    public String get(String key) {
        return bundle.getString(key);
    }

    public String format(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), locale).format(args);
    }

    /** The text under {@code key}, or under {@code fallbackKey} when the bundle has none. */
    public String getOr(String key, String fallbackKey) {
        return text(key, get(fallbackKey));
    }

    /** A scope's title in plain words, or the scope itself for scopes Cell does not know. */
    public String scopeTitle(String scope) {
        return text("scope." + scope + ".title", scope);
    }

    public String scopeDescription(String scope) {
        return text("scope." + scope + ".description", get("scope.other.description"));
    }

    private String text(String key, String fallback) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return fallback;
        }
    }
}
