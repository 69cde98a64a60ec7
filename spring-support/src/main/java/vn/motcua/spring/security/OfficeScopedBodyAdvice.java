package vn.motcua.spring.security;

import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * A body that names its office ({@link OfficeScopedBody}) is checked against the caller's scope as soon as it is
 * read, before validation and before the controller: a refused request writes nothing.
 */
@ControllerAdvice
public class OfficeScopedBodyAdvice extends RequestBodyAdviceAdapter {
    private final OfficeAccess access;

    public OfficeScopedBodyAdvice(OfficeAccess access) {
        this.access = access;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return parameter.getParameterType() != null
                && OfficeScopedBody.class.isAssignableFrom(parameter.getParameterType());
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter,
                                Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        if (body instanceof OfficeScopedBody scoped && scoped.officeId() != null && !scoped.officeId().isBlank()) {
            access.require(scoped.officeId());
        }
        return body;
    }
}
