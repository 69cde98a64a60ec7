package vn.motcua.spring.edge;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import vn.motcua.spring.web.FieldProblem;

/**
 * Every string of every JSON body, as soon as it is read and before validation or the controller: no control
 * character other than tab and line breaks, at most {@link CleanText#MAX_BODY_STRING} characters. A refused body
 * answers 400 naming each field at fault (e.g. {@code documents[1].name}); nothing reaches the database, which
 * refuses a NUL with a 500. Walks records, collections, maps and arrays; the fields' own {@code @Size} bounds them
 * more tightly afterwards.
 */
@ControllerAdvice
public class CleanBodyAdvice extends RequestBodyAdviceAdapter {
    private static final int MAX_DEPTH = 16;

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter,
                                Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        List<FieldProblem> problems = check(body);
        if (!problems.isEmpty()) {
            throw new EdgeProblemException(HttpStatus.BAD_REQUEST, problems);
        }
        return body;
    }

    /** The fields of {@code body} whose text is refused, by JSON path. */
    public static List<FieldProblem> check(Object body) {
        List<FieldProblem> problems = new ArrayList<>();
        walk(body, "", problems, 0);
        return problems;
    }

    private static void walk(Object value, String path, List<FieldProblem> problems, int depth) {
        if (value == null || depth > MAX_DEPTH || problems.size() >= 20) {
            return;
        }
        if (value instanceof CharSequence text) {
            String problem = CleanText.bodyProblem(text.toString(), CleanText.MAX_BODY_STRING);
            if (problem != null) {
                problems.add(new FieldProblem(path.isEmpty() ? "body" : path, problem));
            }
        } else if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", problems, depth + 1);
            }
        } else if (value instanceof Object[] items) {
            for (int i = 0; i < items.length; i++) {
                walk(items[i], path + "[" + i + "]", problems, depth + 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                String keyProblem = CleanText.lineProblem(key, 200);
                if (keyProblem != null) {
                    problems.add(new FieldProblem(path.isEmpty() ? "body" : path, "keys " + keyProblem));
                    continue;
                }
                walk(e.getValue(), path.isEmpty() ? key : path + "." + key, problems, depth + 1);
            }
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                Object field;
                try {
                    var accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    field = accessor.invoke(record);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    continue; // not readable: its own validation still applies
                }
                walk(field, path.isEmpty() ? component.getName() : path + "." + component.getName(), problems,
                        depth + 1);
            }
        }
    }
}
