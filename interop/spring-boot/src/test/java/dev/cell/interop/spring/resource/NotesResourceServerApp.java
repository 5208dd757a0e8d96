package dev.cell.interop.spring.resource;

import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot resource server that knows Cell only by its issuer URL (plus the audience it must be named in). The one bean:
 * Spring Security 7 accepts only {@code typ: JWT} unless told otherwise, and RFC 9068 §2.1 access tokens say {@code at+jwt}.
 */
@SpringBootApplication
@RestController
public class NotesResourceServerApp {
    @Bean
    JwtTypeValidator rfc9068AccessTokens() {
        return new JwtTypeValidator("at+jwt");
    }

    @GetMapping("/api/whoami")
    Map<String, Object> whoami(@AuthenticationPrincipal Jwt jwt) {
        return Map.of("sub", jwt.getSubject(), "client_id", jwt.getClaimAsString("client_id"), "scope", jwt.getClaimAsString("scope"));
    }
}
