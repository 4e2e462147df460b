package dev.pyhost.testkit;

import dev.pyhost.api.ProviderException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonVersion;
import dev.pyhost.testkit.differential.InstalledPythons;
import dev.pyhost.testkit.internal.PythonChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Evaluates {@link RequiresPython}: disabled, with every unmet requirement named, when the CPython does not fit. */
public final class RequiresPythonCondition implements ExecutionCondition {
    /** Creates the condition (JUnit does, through {@link RequiresPython}). */
    public RequiresPythonCondition() {
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<RequiresPython> required = context.getElement()
                .flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresPython.class));
        if (required.isEmpty()) {
            return ConditionEvaluationResult.enabled("no @RequiresPython");
        }
        PythonChoice choice = PythonChoice.of(context.getConfigurationParameter(PythonChoice.PARAMETER));
        if (choice.unavailable().isPresent()) {
            return ConditionEvaluationResult.disabled(choice.unavailable().get());
        }
        PythonInstallation python;
        try {
            python = choice.installation();
        } catch (ProviderException e) {
            return ConditionEvaluationResult.disabled("no CPython to check @RequiresPython against: " + e.getMessage());
        }
        List<String> unmet = unmet(required.get(), python);
        return unmet.isEmpty()
                ? ConditionEvaluationResult.enabled("CPython " + python.version() + " fits")
                : ConditionEvaluationResult.disabled(String.join("; ", unmet) + " (runs " + python + ")");
    }

    /**
     * Lists what an installation lacks.
     *
     * @param r the requirements
     * @param python the installation
     * @return one phrase per unmet requirement; empty when it fits
     */
    static List<String> unmet(RequiresPython r, PythonInstallation python) {
        List<String> unmet = new ArrayList<>();
        PythonVersion v = python.version();
        if (!r.min().isBlank() && v.compareTo(bound(r.min(), false)) < 0) {
            unmet.add("requires CPython >= " + r.min().strip());
        }
        if (!r.max().isBlank() && v.compareTo(bound(r.max(), true)) > 0) {
            unmet.add("requires CPython <= " + r.max().strip());
        }
        if (r.embedded() && !isEmbedded(python)) {
            unmet.add("requires PyHost's embedded CPython");
        }
        for (PythonFeature f : r.features()) {
            if (!f.supportedBy(python)) {
                unmet.add("requires " + f.description());
            }
        }
        return unmet;
    }

    private static PythonVersion bound(String text, boolean upper) {
        String t = text.strip();
        PythonVersion v = PythonVersion.parse(t);
        boolean hasMicro = t.chars().filter(c -> c == '.').count() >= 2;
        return upper && !hasMicro ? new PythonVersion(v.major(), v.minor(), Integer.MAX_VALUE) : v;
    }

    private static boolean isEmbedded(PythonInstallation python) {
        return InstalledPythons.embeddedInstallation()
                .map(e -> e.executable().toAbsolutePath().normalize()
                        .equals(python.executable().toAbsolutePath().normalize()))
                .orElse(false);
    }
}
