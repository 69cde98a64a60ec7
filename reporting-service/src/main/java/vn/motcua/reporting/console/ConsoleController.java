package vn.motcua.reporting.console;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The analysts' console: the page at {@code /} (its scripts and styles are static resources under
 * {@code /console/**}), the sign-in settings it needs, the token exchange, and the chart library from its WebJar.
 * All public: the page holds no data; every figure it shows comes from the token-protected report endpoints.
 */
@Controller
@Hidden
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConsoleController {
    private static final MediaType JAVASCRIPT = new MediaType("text/javascript; charset=utf-8");

    private final SignIn signIn;
    private final byte[] page;
    private final byte[] echarts;

    public ConsoleController(SignIn signIn) {
        this.signIn = signIn;
        this.page = resource("console/index.html");
        this.echarts = resource(WebJar.path("echarts", "dist/echarts.min.js"));
    }

    // A browser asks for text/html; any other Accept gets the page too rather than a 406.
    @Get(produces = {MediaType.TEXT_HTML, MediaType.ALL})
    public HttpResponse<byte[]> index() {
        return HttpResponse.ok(page).contentType(MediaType.TEXT_HTML_TYPE.toString() + "; charset=utf-8")
                .header("Cache-Control", "no-cache")
                // Scripts and styles of this origin only: nothing from elsewhere may run in the page.
                .header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
                        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    }

    /** Where to sign in: the issuer the service trusts, the console's public client, the authorize endpoint. */
    @Get(uri = "/console/config.json", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, String>> config() {
        return HttpResponse.ok(signIn.config()).header("Cache-Control", "no-store");
    }

    /**
     * The authorization-code exchange (with the PKCE verifier), forwarded to the provider's token endpoint: the
     * provider answers no cross-origin calls, so the page asks its own origin. Nothing is kept here.
     */
    @Post(uri = "/console/token", consumes = MediaType.APPLICATION_FORM_URLENCODED,
            produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<byte[]> token(@Body Map<String, String> form) {
        SignIn.Answer answer = signIn.exchange(form);
        return HttpResponse.<byte[]>status(io.micronaut.http.HttpStatus.valueOf(answer.status()))
                .body(answer.body()).contentType(MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store");
    }

    @Get(uri = "/console/lib/echarts.min.js", produces = {"text/javascript", MediaType.ALL})
    public HttpResponse<byte[]> echarts() {
        return HttpResponse.ok(echarts).contentType(JAVASCRIPT).header("Cache-Control", "max-age=86400");
    }

    static byte[] resource(String path) {
        try (InputStream in = ConsoleController.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
