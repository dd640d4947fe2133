-- Checkout sessions in mode 'subscription': the price whose first period the session charges, and its terms as the
-- customer saw them on the pay page ("€9.99 every month").
ALTER TABLE checkout_sessions
    ADD COLUMN mode text NOT NULL DEFAULT 'payment' CHECK (mode IN ('payment', 'subscription')),
    ADD COLUMN price_id text,
    ADD COLUMN recurring_interval text CHECK (recurring_interval IN ('day', 'week', 'month', 'year')),
    ADD COLUMN recurring_interval_count int CHECK (recurring_interval_count > 0),
    ADD CONSTRAINT checkout_sessions_subscription_terms CHECK ((mode = 'subscription') = (price_id IS NOT NULL)
        AND (price_id IS NULL) = (recurring_interval IS NULL)
        AND (recurring_interval IS NULL) = (recurring_interval_count IS NULL));
