package dev.coffer.notifications.mail;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A person's email settings: every kind, on unless they turned it off. */
@Service
public class EmailPreferences {

    private final EmailOutboxRepository repository;

    EmailPreferences(EmailOutboxRepository repository) {
        this.repository = repository;
    }

    public Map<EmailKind, Boolean> of(String userId) {
        var stored = repository.preferences(userId);
        var all = new LinkedHashMap<EmailKind, Boolean>();
        for (var kind : EmailKind.values()) {
            all.put(kind, stored.getOrDefault(kind, true));
        }
        return all;
    }

    @Transactional
    public void set(String userId, Map<EmailKind, Boolean> settings) {
        settings.forEach((kind, enabled) -> repository.setPreference(userId, kind, enabled));
    }
}
