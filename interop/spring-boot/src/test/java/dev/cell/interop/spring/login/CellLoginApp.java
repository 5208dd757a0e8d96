package dev.cell.interop.spring.login;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A Spring Boot web app that signs users in with Cell; its provider is configured by the issuer URL alone. */
@SpringBootApplication
@RestController
public class CellLoginApp {
    @GetMapping("/")
    String home(@AuthenticationPrincipal OidcUser user) {
        return "signed in as " + user.getEmail() + " (" + user.getSubject() + ")";
    }
}
