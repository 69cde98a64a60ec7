package vn.motcua.spring.edge;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Free text without control characters (NUL above all: PostgreSQL refuses it) and as valid Unicode;
 * {@code lineBreaks} lets tab, line feed and carriage return through. Null is valid (pair with {@code @NotBlank}).
 * Bodies read by Spring MVC are already checked by {@link CleanBodyAdvice}; this is for records also read another
 * way (the lines of a bulk import) and says the rule where the field is declared. Bound the length with
 * {@code @Size}.
 */
@Documented
@Constraint(validatedBy = PlainText.Check.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {
    String message() default "must not contain control characters";

    boolean lineBreaks() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check, shared with the edge's body and target checks ({@link CleanText}). */
    class Check implements ConstraintValidator<PlainText, CharSequence> {
        private boolean lineBreaks;

        @Override
        public void initialize(PlainText annotation) {
            lineBreaks = annotation.lineBreaks();
        }

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String text = value.toString();
            String problem = lineBreaks ? CleanText.bodyProblem(text, Integer.MAX_VALUE)
                    : CleanText.lineProblem(text, Integer.MAX_VALUE);
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
            return false;
        }
    }
}
