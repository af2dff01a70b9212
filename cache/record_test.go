package cache

import (
	"reflect"
	"testing"
	"time"

	"unvn/data"
)

// TestRecordKeepsEveryField fills every field of an article, found by reflection, and checks
// that a head and body round trip gives it back whole. A field added to data.Article that the
// records do not carry fails here, before a cache can drop it.
func TestRecordKeepsEveryField(t *testing.T) {
	var a data.Article
	fill(t, reflect.ValueOf(&a).Elem(), "Article")
	a.Date = data.Date{Time: time.Date(2024, 11, 30, 0, 0, 0, 0, time.UTC), Precision: data.PrecisionDay}
	head, err := decodeHead(appendHead(nil, &a))
	if err != nil {
		t.Fatal(err)
	}
	full := *head
	if err := decodeBody(appendBody(nil, &a), &full); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(full, a) {
		t.Errorf("round trip:\n got %+v\nwant %+v", full, a)
	}
	if head.Summary != "" || head.Blocks != nil || head.Footnotes != nil || head.Themes[0].Terms != nil {
		t.Errorf("the head carries body fields: %+v", head)
	}
}

// fill sets every field under v to a value that is not its zero, named after its path.
func fill(t *testing.T, v reflect.Value, path string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(path + " ✓ Đặng")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(7)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(data.Date{}) {
			return // set by the caller: a Date is a time and a precision, not any two values
		}
		for i := range v.NumField() {
			fill(t, v.Field(i), path+"."+v.Type().Field(i).Name)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(t, v.Index(i), path+"[]")
		}
	default:
		t.Fatalf("%s: a %s field; teach the records and this test about it", path, v.Kind())
	}
}
