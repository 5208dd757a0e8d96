package dev.cell.interop.spring.logout;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot web app that signs users in with Cell and takes Cell's logout tokens with Spring Security's OIDC back-channel
 * logout support ({@code /logout/connect/back-channel/cell}); its provider is configured by the issuer URL alone.
 */
@SpringBootApplication
@RestController
public class CellBackChannelLogoutApp {
    @GetMapping("/")
    String home(@AuthenticationPrincipal OidcUser user) {
        return "signed in as " + user.getEmail() + " (sid " + user.getIdToken().getClaimAsString("sid") + ")";
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .oauth2Login(Customizer.withDefaults())
                // Spring ends the session by calling its own /logout; at the address the logout token came to, not localhost
                .oidcLogout(l -> l.backChannel(b -> b.logoutUri("{baseUrl}/logout")))
                .build();
    }
}
