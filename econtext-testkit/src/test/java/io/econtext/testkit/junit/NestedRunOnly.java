package io.econtext.testkit.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class that fails or leaks on purpose: it runs only inside a nested engine run that sets {@link #PARAMETER},
 * never when an IDE or the build picks it up by itself.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(NestedRunOnly.Condition.class)
@interface NestedRunOnly {
    String PARAMETER = "econtext.testkit.nestedRun";

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER)
                            .map(Boolean::parseBoolean)
                            .orElse(false)
                    ? ConditionEvaluationResult.enabled("selected by a nested engine run")
                    : ConditionEvaluationResult.disabled("runs only in a nested engine run");
        }
    }
}
