package dev.coffer.billing.price;

import static dev.coffer.platform.CofferPrincipal.Kind.API_KEY;

import dev.coffer.billing.Interval;
import dev.coffer.platform.Accepts;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.IdOf;
import dev.coffer.platform.Ids;
import dev.coffer.platform.Money;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.Role;
import dev.coffer.platform.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Recurring prices (merchant's server, API key): what a {@code mode: "subscription"} checkout session sells. */
@RestController
@Tag(name = ApiTags.CHECKOUT)
@Accepts(API_KEY)
class PriceController {

    private final PriceRepository prices;
    private final Clock clock;

    PriceController(PriceRepository prices, Clock clock) {
        this.prices = prices;
        this.clock = clock;
    }

    record PriceRequest(
            @NotBlank @Size(max = 200) String productName,
            @NotNull @Min(1) @Max(Money.MAX_AMOUNT_MINOR) Long amount,
            @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as EUR") String currency,
            @NotNull @Pattern(regexp = "^(day|week|month|year)$", message = "must be day, week, month or year")
            String interval,
            @Nullable @Min(1) @Max(366) Integer intervalCount) {
    }

    record PriceView(String id, String object, String productName, long amount, String currency, String interval,
            int intervalCount, Instant createdAt) {
        static PriceView of(Price price) {
            return new PriceView(price.id(), "price", price.productName(), price.amount(), price.currency(),
                    price.interval().word(), price.intervalCount(), price.createdAt());
        }
    }

    @Operation(operationId = "createPrice", summary = "Create a recurring price (merchant server)")
    @Refuses(status = 422, codes = {"unsupported_currency", "invalid_price"})
    @PostMapping("/api/v1/prices")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    PriceView create(@AuthenticationPrincipal CofferPrincipal principal, @Valid @RequestBody PriceRequest body) {
        principal.require(Role.MERCHANT);
        var currency = CurrencyCode.parse(body.currency()).orElseThrow(() -> new ApiException(
                HttpStatus.UNPROCESSABLE_CONTENT, "unsupported_currency", "Unknown currency " + body.currency()));
        var interval = Interval.fromWord(body.interval()).orElseThrow();
        int count = body.intervalCount() == null ? 1 : body.intervalCount();
        // Stripe's bound: at most a year between charges.
        int most = switch (interval) {
            case DAY -> 366;
            case WEEK -> 52;
            case MONTH -> 12;
            case YEAR -> 1;
        };
        if (count > most) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_price",
                    "At most a year between charges: intervalCount ≤ " + most + " for " + interval.word());
        }
        var price = new Price(Ids.newId("price"), principal.userId(), body.productName().strip(), body.amount(),
                currency.code(), interval, count, clock.instant());
        prices.insert(price);
        return PriceView.of(price);
    }

    @Operation(operationId = "getPrice", summary = "One of the merchant's prices")
    @GetMapping("/api/v1/prices/{id}")
    PriceView get(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("price") String id) {
        return prices.of(principal.userId(), id).map(PriceView::of)
                .orElseThrow(() -> ApiException.notFound("Price"));
    }
}
