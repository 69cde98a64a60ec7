package vn.motcua.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OfficeScopeTest {
    /** Củ Chi district under Hồ Chí Minh City, one of its communes; a department; and ids that only look nested. */
    private static final Map<String, String> PARENTS = Map.of(
            "H29.21", "H29", "H29.21.05", "H29.21", "H29.SO-TP", "H29", "H29.22", "H29",
            "X01", "H29.21"); // an id that does not look nested but is: the tree decides
    private static final OfficeTree TREE = id -> Optional.ofNullable(PARENTS.get(id));

    private static Caller caller(String... offices) {
        return new Caller("u", Set.of(Role.CLERK), Set.of(offices));
    }

    @Test
    void an_office_grants_itself_and_its_subtree_but_not_its_parent_or_siblings() {
        Caller district = caller("H29.21");
        assertThat(OfficeScope.grants(district, "H29.21", TREE)).isTrue();
        assertThat(OfficeScope.grants(district, "H29.21.05", TREE)).isTrue();
        assertThat(OfficeScope.grants(district, "X01", TREE)).isTrue();
        assertThat(OfficeScope.grants(district, "H29", TREE)).isFalse();
        assertThat(OfficeScope.grants(district, "H29.22", TREE)).isFalse();
    }

    @Test
    void the_tree_decides_not_the_shape_of_the_id() {
        // "H29.21.99" looks like a commune of Củ Chi but the catalogue does not know it.
        assertThat(OfficeScope.grants(caller("H29.21"), "H29.21.99", TREE)).isFalse();
    }

    @Test
    void star_grants_every_office_even_unknown_ones() {
        assertThat(OfficeScope.grants(caller("*"), "H29", TREE)).isTrue();
        assertThat(OfficeScope.grants(caller("*"), "nowhere", TREE)).isTrue();
    }

    @Test
    void no_offices_grant_nothing_and_a_cycle_in_bad_data_ends() {
        assertThat(OfficeScope.grants(caller(), "H29.21", TREE)).isFalse();
        OfficeTree cycle = id -> Optional.of(id.equals("A") ? "B" : "A");
        assertThat(OfficeScope.grants(caller("C"), "A", cycle)).isFalse();
    }

    @Test
    void claims_map_to_roles_dropping_unknown_names_and_admin_holds_every_role() {
        Caller c = Caller.fromClaims("s", List.of("clerk", "superuser", "ADMIN"), List.of("H29"));
        assertThat(c.roles()).containsExactly(Role.CLERK);
        assertThat(c.hasAnyRole(Set.of(Role.OFFICER))).isFalse();
        Caller admin = Caller.fromClaims("s", List.of("admin"), null);
        assertThat(admin.hasAnyRole(Set.of(Role.ANALYST))).isTrue();
        assertThat(admin.offices()).isEmpty();
    }
}
