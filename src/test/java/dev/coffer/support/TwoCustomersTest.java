package dev.coffer.support;

import org.junit.jupiter.api.BeforeEach;

/** Alice with a funded EUR account, Bob with an empty one, and the bank (an admin) that funded Alice. */
public abstract class TwoCustomersTest extends IntegrationTest {

    protected Shop bank;
    protected TestUser alice;
    protected TestUser bob;
    protected String aliceEur;
    protected String bobEur;

    /** What Alice's EUR account starts with, in minor units. */
    protected abstract long aliceFunds();

    @BeforeEach
    void setUpAliceAndBob() {
        bank = newShop();
        alice = newUser("alice");
        bob = newUser("bob");
        aliceEur = bank.fundedAccount(alice, "EUR", aliceFunds());
        bobEur = bank.fundedAccount(bob, "EUR", 0);
    }
}
