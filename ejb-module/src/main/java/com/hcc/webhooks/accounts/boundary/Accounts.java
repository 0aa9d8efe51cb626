package com.hcc.webhooks.accounts.boundary;

import com.hcc.webhooks.accounts.entity.Account;
import com.hcc.webhooks.platform.control.ProblemException;
import com.hcc.webhooks.platform.control.ProblemException.FieldError;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The HCC accounts this installation serves. */
@Stateless
public class Accounts {

    private static final Pattern ACCOUNT_ID = Pattern.compile(Account.ACCOUNT_ID_PATTERN);

    public record AccountInput(String accountId, String name) {
    }

    public record AccountView(String accountId, String name, Instant createdAt) {
        static AccountView of(Account a) {
            return new AccountView(a.getAccountId(), a.getName(), a.getCreatedAt());
        }
    }

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    public AccountView create(AccountInput input) {
        List<FieldError> errors = new ArrayList<>();
        String id = input == null ? null : input.accountId();
        String name = input == null ? null : input.name();
        if (id == null || id.isBlank()) {
            errors.add(new FieldError("accountId", "is required"));
        } else if (id.length() > Account.ACCOUNT_ID_LENGTH || !ACCOUNT_ID.matcher(id).matches()) {
            errors.add(new FieldError("accountId", "must be 1-64 letters, digits, '.', '-' or '_'"));
        }
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "is required"));
        } else if (name.length() > Account.NAME_LENGTH) {
            errors.add(new FieldError("name", "must be at most " + Account.NAME_LENGTH + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (find(id).isPresent()) {
            throw ProblemException.conflict("account " + id + " already exists");
        }
        Account a = new Account(id, name.strip());
        em.persist(a);
        return AccountView.of(a);
    }

    /** A new name (the id stays: it is what producers and payloads name). */
    public AccountView rename(String accountId, AccountInput input) {
        Account a = require(accountId);
        String name = input == null ? null : input.name();
        if (name == null || name.isBlank()) {
            throw ProblemException.invalid(List.of(new FieldError("name", "is required")));
        }
        if (name.length() > Account.NAME_LENGTH) {
            throw ProblemException.invalid(List.of(new FieldError("name", "must be at most " + Account.NAME_LENGTH
                    + " characters")));
        }
        a.rename(name.strip());
        return AccountView.of(a);
    }

    public List<AccountView> list() {
        return em.createNamedQuery(Account.FIND_ALL, Account.class).getResultStream().map(AccountView::of).toList();
    }

    public Optional<Account> find(String accountId) {
        return em.createNamedQuery(Account.FIND_BY_ACCOUNT_ID, Account.class)
                .setParameter("accountId", accountId).getResultStream().findFirst();
    }

    /** The account, or a 404 problem: the one way every account-scoped boundary resolves its path. */
    public Account require(String accountId) {
        return find(accountId).orElseThrow(() -> ProblemException.notFound("account " + accountId));
    }

    public AccountView view(String accountId) {
        return AccountView.of(require(accountId));
    }
}
