package vn.motcua.reporting;
public class Application { public static void main(String[] a){ io.micronaut.runtime.Micronaut.run(Application.class, a);} }
