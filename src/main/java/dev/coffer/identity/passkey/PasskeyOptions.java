package dev.coffer.identity.passkey;

import java.util.List;
import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialDescriptor;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.stereotype.Component;

/**
 * The options of each ceremony, as Spring Security's defaults make them but with user verification
 * <em>required</em> (a PIN or biometric on the device, so a passkey is two factors in one). Built the same way when
 * the ceremony starts and when its answer is checked: the answer is verified against exactly these.
 */
@Component
class PasskeyOptions {

    PublicKeyCredentialCreationOptions creation(RelyingParty.Party party, PublicKeyCredentialUserEntity user,
            Bytes challenge, List<CredentialRecord> existing) {
        return PublicKeyCredentialCreationOptions.builder()
                .rp(PublicKeyCredentialRpEntity.builder().id(party.id()).name(RelyingParty.NAME).build())
                .user(user)
                .challenge(challenge)
                .pubKeyCredParams(PublicKeyCredentialParameters.EdDSA, PublicKeyCredentialParameters.ES256,
                        PublicKeyCredentialParameters.RS256)
                .authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                        .userVerification(UserVerificationRequirement.REQUIRED)
                        .residentKey(ResidentKeyRequirement.REQUIRED).build())
                .attestation(AttestationConveyancePreference.NONE)
                .timeout(Ceremonies.TTL)
                .excludeCredentials(descriptors(existing))
                .build();
    }

    /** {@code allowed} empty: any discoverable credential of this rp may answer (a login names no user first). */
    PublicKeyCredentialRequestOptions request(RelyingParty.Party party, Bytes challenge,
            List<CredentialRecord> allowed) {
        return PublicKeyCredentialRequestOptions.builder()
                .challenge(challenge)
                .rpId(party.id())
                .timeout(Ceremonies.TTL)
                .userVerification(UserVerificationRequirement.REQUIRED)
                .allowCredentials(descriptors(allowed))
                .build();
    }

    private static List<PublicKeyCredentialDescriptor> descriptors(List<CredentialRecord> records) {
        return records.stream().map(r -> PublicKeyCredentialDescriptor.builder().id(r.getCredentialId())
                .transports(r.getTransports()).build()).toList();
    }
}
